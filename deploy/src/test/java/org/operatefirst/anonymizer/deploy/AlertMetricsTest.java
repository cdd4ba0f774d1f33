package org.operatefirst.anonymizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every metric an alert uses is listed in deploy/README.md ("Metrics the alerts use"), so whoever registers the
 * publisher's metrics can match the names, and an alert cannot silently watch a metric that never exists.
 */
class AlertMetricsTest {

    /** Keywords and aggregation operators, which may stand before a "by (...)" clause instead of "(". */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan", "sum", "min", "max", "avg",
            "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group");
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    @Test
    void everyMetricOfEveryAlertIsInTheReadmesTable() throws IOException {
        final Set<String> documented = documentedMetrics();
        final PrometheusRule rule = Manifests.render("base").only(PrometheusRule.class);
        final List<String> alerts = new ArrayList<>();

        for (final RuleGroup group : rule.getSpec().getGroups()) {
            for (final Rule alert : group.getRules()) {
                alerts.add(alert.getAlert());
                assertThat(metrics(alert.getExpr().getStrVal())).as("metrics of %s", alert.getAlert()).isNotEmpty()
                        .allSatisfy(metric -> assertThat(documented).as("README table").contains(metric));
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("AnonymizerLeakBlocked", "AnonymizerCanaryFailed",
                "AnonymizerCanaryOverdue",
                "AnonymizerQuarantineRateHigh", "AnonymizerConsumerLag", "AnonymizerStreamsNotRunning");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sum(increase(a_total[10m])) > 0                                       | a_total
            sum(rate(a_total[15m])) / clamp_min(sum(rate(b_total[15m])), 1e-9)    | a_total b_total
            max(lag{client_id=~".*StreamThread.*", x="y"}) > 10000                | lag
            min(threads) < 1 or absent(threads)                                   | threads
            sum by (reason) (rate(q_total{reason!="size"}[5m])) offset 1h         | q_total
            up{job='anonymizer'} == 0 unless on (instance) other                  | up other
            """)
    void findsMetricNamesButNotFunctionsLabelsOrKeywords(final String expression, final String expected) {
        assertThat(metrics(expression)).containsExactly(expected.split(" "));
    }

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metrics(final String expression) {
        final Set<String> names = new LinkedHashSet<>();
        int i = 0;
        final int n = expression.length();
        while (i < n) {
            final char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expression, i);
            } else if (c == '{') {
                i = skipTo(expression, i, '}');
            } else if (c == '[') {
                i = skipTo(expression, i, ']');
            } else if (Character.isDigit(c) || c == '.') {
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.'
                        || (expression.charAt(i) == '-' && Character.toLowerCase(expression.charAt(i - 1)) == 'e'))) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                final int start = i;
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_'
                        || expression.charAt(i) == ':')) {
                    i++;
                }
                final String word = expression.substring(start, i);
                int next = i;
                while (next < n && expression.charAt(next) == ' ') {
                    next++;
                }
                final boolean call = next < n && expression.charAt(next) == '(';
                if (GROUPING.contains(word) && call) {
                    i = skipTo(expression, next, ')');
                } else if (!call && !KEYWORDS.contains(word)) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    private static int skipString(final String text, final int start) {
        final char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipTo(final String text, final int start, final char end) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != end) {
            final char c = text.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(text, i) : i + 1;
        }
        return i + 1;
    }

    private static Set<String> documentedMetrics() throws IOException {
        final List<String> lines = Files.readAllLines(Manifests.deployDirectory().resolve("README.md"),
                StandardCharsets.UTF_8);
        final Set<String> metrics = new LinkedHashSet<>();
        boolean inSection = false;
        for (final String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.equals("### Metrics the alerts use");
            } else if (inSection && line.startsWith("| `")) {
                metrics.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        assertThat(metrics).as("the README's table of metrics").isNotEmpty();
        return metrics;
    }
}
