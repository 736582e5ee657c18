package io.revchain.campaign;

import static io.revchain.chain.StepOutcome.DUPLICATE;
import static io.revchain.chain.StepOutcome.RECORDED;
import static io.revchain.chain.Violations.violation;

import io.revchain.segment.SegmentDirectory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTest {

    private static final Instant LAUNCH = Instant.parse("2024-03-01T08:00:00Z");
    private static final Instant CLOSE = Instant.parse("2024-05-31T18:00:00Z");

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        SegmentDirectory profiledSegments = Set.of("smb-eu")::contains;
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(profiledSegments);
    }

    private static RecordCampaignSteps steps(CampaignStep... steps) {
        return new RecordCampaignSteps("spring-webinar", List.of(steps));
    }

    private static CampaignLaunched launched() {
        return new CampaignLaunched("spring-webinar", "smb-eu", "Spring webinar", "webinar",
                                    new BigDecimal("12000.00"), Map.of("owner", "ann"), LAUNCH, "c1");
    }

    private static AssetPublished asset(String stepId, String assetId, Instant at) {
        return new AssetPublished("spring-webinar", assetId, "whitepaper", Map.of(), at, stepId);
    }

    @Test
    void launchesCampaignForProfiledSegment() {
        fixture.givenNoPriorActivity()
               .when(steps(new LaunchCampaign("c1", LAUNCH, "smb-eu", "Spring webinar", "webinar",
                                              new BigDecimal("12000.00"), Map.of("owner", "ann"))))
               .expectEvents(launched())
               .expectResultMessagePayload(List.of(RECORDED));
    }

    @Test
    void cannotLaunchCampaignForUnprofiledSegment() {
        fixture.givenNoPriorActivity()
               .when(steps(new LaunchCampaign("c1", LAUNCH, "enterprise-us", null, null, null, Map.of())))
               .expectException(violation(0, "campaign-requires-profiled-segment"))
               .expectNoEvents();
    }

    @Test
    void cannotLaunchCampaignTwice() {
        fixture.given(launched())
               .when(steps(new LaunchCampaign("c9", CLOSE, "smb-eu", null, null, null, Map.of())))
               .expectException(violation(0, "campaign-launched-once"))
               .expectNoEvents();
    }

    @Test
    void publishesAssetsOfLaunchedCampaign_launchAndAssetInOneCommand() {
        fixture.givenNoPriorActivity()
               .when(steps(new LaunchCampaign("c1", LAUNCH, "smb-eu", "Spring webinar", "webinar",
                                              new BigDecimal("12000.00"), Map.of("owner", "ann")),
                           new PublishAsset("c2", LAUNCH.plusSeconds(60), "wp-1", "whitepaper", Map.of())))
               .expectEvents(launched(), asset("c2", "wp-1", LAUNCH.plusSeconds(60)));
    }

    @Test
    void cannotPublishAssetForUnlaunchedCampaign() {
        fixture.givenNoPriorActivity()
               .when(steps(new PublishAsset("c2", LAUNCH, "wp-1", "whitepaper", Map.of())))
               .expectException(violation(0, "asset-requires-open-campaign"))
               .expectNoEvents();
    }

    @Test
    void cannotPublishAssetAfterCampaignClosed() {
        fixture.given(launched(), new CampaignClosed("spring-webinar", Map.of(), CLOSE, "c3"))
               .when(steps(new PublishAsset("c4", CLOSE.plusSeconds(1), "wp-2", "whitepaper", Map.of())))
               .expectException(violation(0, "asset-requires-open-campaign"))
               .expectNoEvents();
    }

    @Test
    void assetDatedBeforeCloseIsAcceptedWhenItArrivesLate() {
        fixture.given(launched(), new CampaignClosed("spring-webinar", Map.of(), CLOSE, "c3"))
               .when(steps(new PublishAsset("c4", CLOSE.minusSeconds(3600), "wp-2", "whitepaper", Map.of())))
               .expectEvents(asset("c4", "wp-2", CLOSE.minusSeconds(3600)));
    }

    @Test
    void cannotCloseCampaignBeforeAnAssetItAlreadyPublished() {
        fixture.given(launched(), asset("c2", "wp-1", CLOSE.plusSeconds(60)))
               .when(steps(new CloseCampaign("c3", CLOSE, Map.of())))
               .expectException(violation(0, "asset-requires-open-campaign"))
               .expectNoEvents();
    }

    @Test
    void cannotCloseUnlaunchedCampaign() {
        fixture.givenNoPriorActivity()
               .when(steps(new CloseCampaign("c3", CLOSE, Map.of())))
               .expectException(violation(0, "close-requires-launched-campaign"))
               .expectNoEvents();
    }

    @Test
    void cannotCloseCampaignTwice() {
        fixture.given(launched(), new CampaignClosed("spring-webinar", Map.of(), CLOSE, "c3"))
               .when(steps(new CloseCampaign("c9", CLOSE.plusSeconds(60), Map.of())))
               .expectException(violation(0, "campaign-closed-once"))
               .expectNoEvents();
    }

    @Test
    void violationNamesTheOffendingStepOfTheCommand() {
        fixture.given(launched())
               .when(steps(new PublishAsset("c2", LAUNCH, "wp-1", "whitepaper", Map.of()),
                           new CloseCampaign("c3", CLOSE, Map.of()),
                           new CloseCampaign("c4", CLOSE, Map.of())))
               .expectException(violation(2, "campaign-closed-once"));
    }

    @Test
    void knownStepIdsAreSkippedAsDuplicates() {
        fixture.given(launched(), asset("c2", "wp-1", LAUNCH))
               .when(steps(new LaunchCampaign("c1", LAUNCH, "smb-eu", null, null, null, Map.of()),
                           new PublishAsset("c2", LAUNCH, "wp-1", "whitepaper", Map.of()),
                           new CloseCampaign("c3", CLOSE, Map.of())))
               .expectEvents(new CampaignClosed("spring-webinar", Map.of(), CLOSE, "c3"))
               .expectResultMessagePayload(List.of(DUPLICATE, DUPLICATE, RECORDED));
    }
}
