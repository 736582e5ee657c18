package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivityNamesTest {

    @Test
    void identifier_isUpperCamelCaseOfTheLabelsWords() {
        assertThat(ActivityNames.identifier("Take in charge ticket")).isEqualTo("TakeInChargeTicket");
        assertThat(ActivityNames.identifier("examine casually")).isEqualTo("ExamineCasually");
        assertThat(ActivityNames.identifier("RESOLVED")).isEqualTo("RESOLVED");
        assertThat(ActivityNames.identifier("O_ACCEPTED")).isEqualTo("OACCEPTED");
        assertThat(ActivityNames.identifier("Proposal/Price Quote")).isEqualTo("ProposalPriceQuote");
        assertThat(ActivityNames.identifier("Qualifié (rappel)")).isEqualTo("QualifieRappel");
        assertThat(ActivityNames.identifier("  sendMQL  email ")).isEqualTo("SendMQLEmail");
    }

    @Test
    void identifier_startsWithALetter_isNeverEmpty_andHasAtMost64Characters() {
        assertThat(ActivityNames.identifier("1st call")).isEqualTo("Step1stCall");
        assertThat(ActivityNames.identifier("— / —")).isEqualTo("Activity");
        assertThat(ActivityNames.identifier("見積")).isEqualTo("Activity");
        String long70 = "a".repeat(70);
        assertThat(ActivityNames.identifier(long70)).isEqualTo("A" + "a".repeat(63)).hasSize(64);
        List<String> samples = List.of("x", "1", "É", "a-b", "a".repeat(100), "9".repeat(80));
        assertThat(samples).allMatch(s -> ImportMapping.STEP_TYPE.matcher(ActivityNames.identifier(s)).matches());
    }

    @Test
    void stageId_isTheLowerCaseWordsJoinedByHyphens() {
        assertThat(ActivityNames.stageId("Take in charge ticket")).isEqualTo("take-in-charge-ticket");
        assertThat(ActivityNames.stageId("RESOLVED")).isEqualTo("resolved");
        assertThat(ActivityNames.stageId("Id. Decision Makers")).isEqualTo("id-decision-makers");
        assertThat(ActivityNames.stageId("???")).isEqualTo("activity");
    }

    /**
     * Code-point order: "Deal won" < "DealWon" < "Insert ticket" < "Insert-Ticket" < "deal-won". DealWon is a
     * built-in type, taken by the label that spells it exactly; the others that derive it get 2 and 3.
     */
    @Test
    void stepTypes_avoidCollisionsWithBuiltInsTypeMapTargetsAndEachOther_whateverTheOrderOfTheLabels() {
        List<String> labels = new ArrayList<>(List.of("deal-won", "Insert-Ticket", "DealWon", "Insert ticket",
                                                      "Deal won", "Closed", "TicketClosed"));
        Map<String, String> expected = Map.of("DealWon", "DealWon", "Deal won", "DealWon2", "deal-won", "DealWon3",
                                              "Insert ticket", "InsertTicket", "Insert-Ticket", "InsertTicket2",
                                              "Closed", "TicketClosed", "TicketClosed", "TicketClosed2");
        Random random = new Random(14);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(labels, random);
            assertThat(ActivityNames.stepTypes(labels, Map.of("Closed", "TicketClosed")))
                    .containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void suffix_keepsTheIdentifierWithin64Characters() {
        String x = "a".repeat(64) + "x";
        String y = "a".repeat(64) + "y";
        Map<String, String> types = ActivityNames.stepTypes(List.of(y, x), Map.of());
        // Both cut to "A" + 63 a's; x comes first in code-point order, y gets 2 on a base cut to 63 characters.
        assertThat(types.get(x)).isEqualTo("A" + "a".repeat(63));
        assertThat(types.get(y)).isEqualTo("A" + "a".repeat(62) + "2").hasSize(64);
    }
}
