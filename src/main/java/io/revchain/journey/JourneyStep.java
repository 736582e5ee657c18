package io.revchain.journey;

import java.time.Instant;

/** One step of a journey inside {@link RecordJourneySteps}; {@code stepId} makes it idempotent. */
public sealed interface JourneyStep permits CaptureLead, QualifyLead, DisqualifyLead, HandOffLead, AcceptLead,
        RejectLead, OpenOpportunity, AdvanceOpportunity, UseAsset, WinDeal, LoseDeal, OnboardCustomer, RecordFeedback,
        ActionFeedback, RecordCustomStep {

    String stepId();

    Instant occurredAt();

    JourneyEvent toEvent(String journeyId);
}
