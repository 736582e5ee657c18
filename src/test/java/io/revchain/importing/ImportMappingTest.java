package io.revchain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportMappingTest {

    private static ImportMapping parse(String json) {
        return ImportMapping.parse(json.getBytes(), StepTypes.of(ImportFixture.DECLARED));
    }

    private static List<FieldError> errors(String json) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parse(json));
        assertThat(e).as("mapping should be refused").isNotNull();
        return e.errors();
    }

    @Test
    void specExample_withCommentsAndDefaults_parses() {
        ImportMapping mapping = parse("""
                {
                  "mapId": "default",
                  "format": "csv",                 // "csv" or "xes"
                  "journeyId": "lead_id",
                  "rules": [
                    { "type": "LeadQualified", "at": "first_contact_date", "attributes": { "channel": "origin" } },
                    { "typeFrom": "activity", "at": "timestamp", "typeMap": {"Closed Won": "DealWon"} },
                    { "type": "DealWon", "at": "close_date", "when": { "column": "deal_stage", "equals": "Won" },
                      "attributes": { "amount": "close_value" } }
                  ]
                }""");

        assertThat(mapping.delimiter()).isEqualTo(',');
        assertThat(mapping.timezone().getId()).isEqualTo("UTC");
        assertThat(mapping.rules()).hasSize(3);
        assertThat(mapping.rules().get(2).when().values()).containsExactly("Won");
        assertThat(mapping.columns()).extracting(ImportMapping.ColumnRef::column)
                                     .containsExactlyInAnyOrder("lead_id", "first_contact_date", "origin",
                                                                "activity", "timestamp", "close_date", "deal_stage",
                                                                "close_value");
    }

    @Test
    void xesWithoutRules_importsOneStepPerEventTypedByActivity() {
        ImportMapping mapping = parse("{\"mapId\": \"log\", \"format\": \"xes\", \"typeMap\": {\"a\": \"DealWon\"}}");

        assertThat(mapping.journeyId()).isEqualTo("concept:name");
        assertThat(mapping.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.typeFrom()).isEqualTo("concept:name");
            assertThat(rule.at()).isEqualTo("time:timestamp");
            assertThat(rule.typeMap()).containsEntry("a", "DealWon");
        });
    }

    @Test
    void unknownFormat_isNamed() {
        assertThat(errors("{\"mapId\": \"m\", \"format\": \"xlsx\", \"journeyId\": \"id\", \"rules\": []}"))
                .extracting(FieldError::field).contains("format");
    }

    @Test
    void csvWithoutJourneyIdOrRules_namesBoth() {
        assertThat(errors("{\"mapId\": \"m\", \"format\": \"csv\"}"))
                .extracting(FieldError::field).containsExactly("journeyId", "rules");
    }

    @Test
    void ruleWithNeitherTypeNorTypeFrom_isNamed() {
        List<FieldError> errors = errors("""
                {"mapId": "m", "format": "csv", "journeyId": "id",
                 "rules": [{"type": "DealWon", "at": "d"}, {"at": "d"}]}""");
        assertThat(errors).extracting(FieldError::field).containsExactly("rules[1].type");
        assertThat(errors.get(0).reason()).contains("either type", "or typeFrom");
    }

    @Test
    void unknownStepTypes_areNamedWithTheValidOnes() {
        List<FieldError> errors = errors("""
                {"mapId": "m", "format": "csv", "journeyId": "id",
                 "typeMap": {"Won": "DealWonn"},
                 "rules": [{"type": "Qualified", "at": "d"}]}""");
        assertThat(errors).extracting(FieldError::field).containsExactly("typeMap['Won']", "rules[0].type");
        assertThat(errors.get(1).reason()).contains("'Qualified' is not a step type", "LeadQualified",
                                                    "declared by a map");
    }

    @Test
    void misspelledKeysAndBadValues_areEachNamed() {
        List<FieldError> errors = errors("""
                {"mapId": "has space", "format": "csv", "journeyID": "id", "journeyId": "id",
                 "timezone": "Mars/Olympus", "delimiter": ";;", "lifecycle": "complete",
                 "rules": [{"type": "DealWon", "at": "d", "when": {"column": "s"},
                            "attributes": {"a.b": "x", "amount": {"column": "v", "as": "money"}},
                            "colum": "x"}]}""");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "journeyID", "mapId", "timezone", "delimiter", "lifecycle", "rules[0].colum", "rules[0].when",
                "rules[0].attributes.a.b", "rules[0].attributes.amount.as");
    }

    @Test
    void invalidJson_saysWhere() {
        List<FieldError> errors = errors("{\"mapId\": \"m\",\n \"format\": }");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("mapping");
            assertThat(e.reason()).contains("not valid JSON at line 2");
        });
    }

    @Test
    void duplicateKeys_areRefused() {
        assertThat(errors("{\"mapId\": \"m\", \"mapId\": \"n\", \"format\": \"xes\"}"))
                .extracting(FieldError::field).containsExactly("mapping");
    }

    @Test
    void customTypesDeclaredByAMap_areAccepted() {
        assertThat(parse("{\"mapId\": \"m\", \"format\": \"xes\", \"typeMap\": {\"decide\": \"Decide\"}}")
                           .rules().get(0).typeMap()).containsEntry("decide", "Decide");
    }

    @Test
    void lookups_needKeyAndOn_andAttributesMayOnlyNameADefinedLookup() {
        List<FieldError> errors = errors("""
                {"mapId": "m", "format": "csv", "journeyId": "id",
                 "lookups": {"accounts": {"key": "account"}, "bad name": {"key": "k", "on": "k"}},
                 "rules": [{"type": "DealWon", "at": "closed",
                            "attributes": {"sector": {"lookup": "acounts", "column": "sector"}}}]}""");
        assertThat(errors).extracting(FieldError::field)
                          .containsExactlyInAnyOrder("lookups.accounts.on", "lookups.bad name",
                                                     "rules[0].attributes.sector.lookup");
    }

    @Test
    void lookup_defaultsToTheMappingsDelimiter_andItsColumnsAreCheckedAgainstTheLookupFile() {
        ImportMapping mapping = parse("""
                {"mapId": "m", "format": "csv", "journeyId": "id", "delimiter": ";",
                 "lookups": {"accounts": {"key": "account", "on": "account_name"}},
                 "attributes": {"sector": {"lookup": "accounts", "column": "sector"}},
                 "rules": [{"type": "DealWon", "at": "closed"}]}""");
        assertThat(mapping.lookups().get("accounts").delimiter()).isEqualTo(';');
        assertThat(mapping.columns()).extracting(ImportMapping.ColumnRef::column)
                                     .contains("account_name").doesNotContain("sector");
        assertThat(mapping.lookupColumns("accounts")).extracting(ImportMapping.ColumnRef::column)
                                                     .containsExactly("account", "sector");
    }
}
