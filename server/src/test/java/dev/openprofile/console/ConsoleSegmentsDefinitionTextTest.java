package dev.openprofile.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openprofile.jsonapi.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A segment definition as the console reads it out: every condition type and filter the server accepts, in words. */
class ConsoleSegmentsDefinitionTextTest {
    static final SegmentsDefinitionText.Names NAMES = new SegmentsDefinitionText.Names(
            id -> Map.of("M1", "Placed Order").getOrDefault(id, id), id -> Map.of("L1", "VIP", "L2", "Newsletter").getOrDefault(id, id));

    /** {@code conditionJson} with ' for " (and ~ for ', as in properties[~age~]). */
    static String text(String conditionJson) {
        return SegmentsDefinitionText.condition(json(conditionJson.replace('\'', '"').replace('~', '\'')), NAMES);
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void groupsAreJoinedByAndAndTheConditionsOfAGroupByOr() {
        JsonNode definition = json(("{'condition_groups':[{'conditions':[{'type':'profile-metric','metric_id':'M1','measurement':'count',"
                + "'measurement_filter':{'type':'numeric','operator':'greater-than-or-equal','value':2},'timeframe_filter':{'type':'date',"
                + "'operator':'in-the-last','quantity':30,'unit':'day'}}]},{'conditions':[{'type':'profile-marketing-consent','consent':"
                + "{'channel':'email','can_receive_marketing':true,'consent_status':{'subscription':'subscribed'}}},{'type':'profile-region',"
                + "'in_region':true,'region':'united_states'}]}]}").replace('\'', '"'));
        assertThat(SegmentsDefinitionText.sentence(definition, NAMES)).isEqualTo("Placed Order at least 2 times in the last 30 days"
                + " AND (email is subscribed to marketing OR is in the United States)");
        // A single group needs no parentheses.
        assertThat(SegmentsDefinitionText.sentence(json("{\"condition_groups\":[{\"conditions\":[{\"type\":\"profile-sample\",\"percentage\":10},"
                + "{\"type\":\"profile-sample\",\"percentage\":1}]}]}"), NAMES)).isEqualTo("is in a random 10% sample OR is in a random 1% sample");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'type':'profile-metric','metric_id':'M1','measurement':'count','measurement_filter':{'type':'numeric','operator':'equals','value':1},'timeframe_filter':{'type':'date','operator':'alltime'}}"
                    + "|Placed Order exactly 1 time over all time",
            "{'type':'profile-metric','metric_id':'M9','measurement':'count','measurement_filter':{'type':'numeric','operator':'less-than','value':3},'timeframe_filter':{'type':'date','operator':'at-least','quantity':2,'unit':'week'}}"
                    + "|M9 fewer than 3 times at least 2 weeks ago",
            "{'type':'profile-metric','metric_id':'M1','measurement':'sum','measurement_filter':{'type':'numeric','operator':'greater-than','value':99.50},'timeframe_filter':{'type':'date','operator':'between','start':7,'end':30,'unit':'day'},'metric_filters':[{'property':'Brand','filter':{'type':'string','operator':'equals','value':'Acme'}},{'property':'Items','filter':{'type':'list','operator':'contains-any','value':['a','b']}}]}"
                    + "|Placed Order with a total value that is greater than 99.5 between 7 and 30 days ago where Brand is \"Acme\" and Items contains any of \"a\", \"b\"",
            "{'type':'profile-metric','metric_id':'M1','measurement':'count','measurement_filter':{'type':'numeric','operator':'not-equals','value':0},'timeframe_filter':{'type':'date','operator':'between-static','start':'2026-01-01T00:00:00+00:00','end':'2026-02-01T00:00:00+00:00'},'metric_filters':[{'property':'Coupon'}]}"
                    + "|Placed Order not exactly 0 times between 2026-01-01T00:00:00+00:00 and 2026-02-01T00:00:00+00:00 where Coupon is set",
            "{'type':'profile-property','property':'email','filter':{'type':'string','operator':'not-ends-with','value':'@test.example'}}|email does not end with \"@test.example\"",
            "{'type':'profile-property','property':'first_name','filter':{'type':'string','operator':'regex','value':'^A.*'}}|first_name matches /^A.*/",
            "{'type':'profile-property','property':'location.country','filter':{'type':'string','operator':'not-in','value':['US','CA']}}|location.country is none of \"US\", \"CA\"",
            "{'type':'profile-property','property':'properties[~age~]','filter':{'type':'numeric','operator':'less-than-or-equal','value':40}}|age is at most 40",
            "{'type':'profile-property','property':'properties[~vip~]','filter':{'type':'boolean','operator':'equals','value':true}}|vip is true",
            "{'type':'profile-property','property':'phone_number','filter':{'type':'existence','operator':'not-set'}}|phone_number is not set",
            "{'type':'profile-property','property':'properties[~tags~]','filter':{'type':'list','operator':'length-greater-than','value':2}}|tags has more than 2 items",
            "{'type':'profile-property','property':'properties[~tags~]','filter':{'type':'list','operator':'not-contains','value':7}}|tags does not contain 7",
            "{'type':'profile-property','property':'created','filter':{'type':'date','operator':'in-the-next','quantity':1,'unit':'hour'}}|created is in the next 1 hour",
            "{'type':'profile-property','property':'properties[~birthday~]','filter':{'type':'date','operator':'calendar-month','value':3}}|birthday is in March",
            "{'type':'profile-property','property':'properties[~birthday~]','filter':{'type':'date','operator':'anniversary'}}|birthday has its anniversary today",
            "{'type':'profile-property','property':'created','filter':{'type':'date','operator':'before','date':'2026-01-01T00:00:00+00:00'}}|created is before 2026-01-01T00:00:00+00:00",
            "{'type':'profile-group-membership','is_member':true,'group_ids':['L1']}|is in list \"VIP\"",
            "{'type':'profile-group-membership','is_member':false,'group_ids':['L1','L2']}|is not in any of the lists \"VIP\", \"Newsletter\"",
            "{'type':'profile-group-membership','is_member':true,'group_ids':['L2'],'timeframe_filter':{'type':'date','operator':'in-the-last','quantity':7,'unit':'day'}}|is in list \"Newsletter\", joined in the last 7 days",
            "{'type':'profile-marketing-consent','consent':{'channel':'sms','can_receive_marketing':false,'consent_status':{'subscription':'never_subscribed'}}}|SMS has never been subscribed to marketing",
            "{'type':'profile-marketing-consent','consent':{'channel':'email','can_receive_marketing':false,'consent_status':{'subscription':'unsubscribed'}}}|email is unsubscribed from marketing",
            "{'type':'profile-marketing-consent','consent':{'channel':'push','can_receive_marketing':true,'consent_status':{'subscription':'any'}}}|can receive push marketing",
            "{'type':'profile-region','in_region':false,'region':'european_union'}|is not in the European Union",
    })
    void eachConditionTypeAndFilterReadsAsWords(String condition, String expected) {
        assertThat(text(condition)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // A type the server refuses today (or a newer one): its JSON, never an error.
            "{'type':'profile-predictive-analytics','dimension':'churn_probability','filter':{'type':'numeric','operator':'greater-than','value':0.5}}",
            "{'type':'profile-brand-new','x':1}",
            // A known type with an operator the page does not know.
            "{'type':'profile-property','property':'email','filter':{'type':'string','operator':'phone-country-code-equals','value':'1'}}",
            "{'type':'profile-metric','metric_id':'M1','measurement':'count'}",
    })
    void whatItCannotReadIsShownAsJson(String condition) {
        assertThat(text(condition)).isEqualTo(json(condition.replace('\'', '"')).toString());
    }
}
