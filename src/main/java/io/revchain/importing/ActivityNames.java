package io.revchain.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step type identifiers and stage ids derived from activity labels, deterministically: the same labels always give
 * the same identifiers, whatever the order of the file. Defined in docs/import.md (Discovering the map).
 */
final class ActivityNames {

    static final int MAX_LENGTH = 64;

    private ActivityNames() {
    }

    /**
     * The step type of every label: its {@code explicit} typeMap target; else the label itself when it is a
     * built-in step type; else its UpperCamelCase identifier, with the first free suffix 2, 3, ... when that is
     * taken by a built-in type, a typeMap target or a label before it in code-point order.
     */
    static Map<String, String> stepTypes(Collection<String> labels, Map<String, String> explicit) {
        Set<String> taken = new HashSet<>(StepTypes.BUILT_IN);
        taken.addAll(explicit.values());
        Map<String, String> types = new LinkedHashMap<>();
        List<String> derived = new ArrayList<>();
        for (String label : new TreeSet<>(labels)) {
            String target = explicit.get(label);
            if (target != null) {
                types.put(label, target);
            } else if (StepTypes.BUILT_IN.contains(label)) {
                types.put(label, label);
            } else {
                derived.add(label);
            }
        }
        for (String label : derived) {
            types.put(label, unique(identifier(label), taken));
        }
        return types;
    }

    /**
     * "Take in charge ticket" → TakeInChargeTicket: accents dropped, words split at every character other than an
     * ASCII letter or digit, each word's first letter upper-cased and the rest kept; "Step" in front of a leading
     * digit; "Activity" when no letter or digit is left; at most 64 characters.
     */
    static String identifier(String label) {
        StringBuilder out = new StringBuilder();
        for (String word : words(label)) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        if (out.isEmpty()) {
            return "Activity";
        }
        if (Character.isDigit(out.charAt(0))) {
            out.insert(0, "Step");
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
    }

    /** "Take in charge ticket" → take-in-charge-ticket: the same words, lower-cased, joined by '-'. */
    static String stageId(String label) {
        List<String> words = words(label);
        return words.isEmpty() ? "activity" : String.join("-", words).toLowerCase(Locale.ROOT);
    }

    private static List<String> words(String label) {
        String plain = Normalizer.normalize(label, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String unique(String base, Set<String> taken) {
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            String suffix = Integer.toString(n);
            id = (base.length() + suffix.length() > MAX_LENGTH
                    ? base.substring(0, MAX_LENGTH - suffix.length()) : base) + suffix;
        }
        return id;
    }
}
