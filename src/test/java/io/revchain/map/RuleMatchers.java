package io.revchain.map;

import io.revchain.system.web.FieldError;
import io.revchain.system.web.InvalidRequestException;
import java.util.function.Predicate;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for fixture results: refused commands name the field and the rule. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    /** Refused with exactly one error, on {@code field}, whose reason starts with the rule id. */
    public static Matcher<InvalidRequestException> violatesOnly(String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidRequestException e) {
                return e.errors().size() == 1 && names(e.errors().get(0), field, rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("only " + field + " breaking " + rule);
            }

            @Override
            protected void describeMismatchSafely(InvalidRequestException e, Description description) {
                description.appendText("errors were " + e.errors());
            }
        };
    }

    /** Refused with, among others, an error on {@code field} whose reason starts with the rule id. */
    public static Matcher<InvalidRequestException> violates(String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidRequestException e) {
                return e.errors().stream().anyMatch(error -> names(error, field, rule));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(field + " breaking " + rule);
            }

            @Override
            protected void describeMismatchSafely(InvalidRequestException e, Description description) {
                description.appendText("errors were " + e.errors());
            }
        };
    }

    public static <T> Matcher<T> satisfies(String what, Predicate<T> check) {
        return new TypeSafeMatcher<T>() {
            @Override
            protected boolean matchesSafely(T item) {
                return check.test(item);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(what);
            }
        };
    }

    private static boolean names(FieldError error, String field, String rule) {
        return field.equals(error.field()) && error.reason().startsWith(rule + ":");
    }
}
