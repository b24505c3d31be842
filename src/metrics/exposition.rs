//! The Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then one line
//! per series.

use super::snapshot::{MetricKind, MetricsSnapshot};
use std::fmt::Write;

pub(crate) fn render(snapshot: &MetricsSnapshot) -> String {
    let mut text = String::new();
    for family in &snapshot.families {
        let kind = match family.kind {
            MetricKind::Counter => "counter",
            MetricKind::Gauge => "gauge",
            MetricKind::Histogram => "histogram",
        };
        // A counter's family name in HELP and TYPE has no `_total` suffix.
        let base = family.name.strip_suffix("_total").unwrap_or(family.name);
        let _ = writeln!(text, "# HELP {base} {}", family.help);
        let _ = writeln!(text, "# TYPE {base} {kind}");
        for sample in &family.samples {
            text.push_str(&sample.name);
            if !sample.labels.is_empty() {
                let labels: Vec<String> = sample.labels.iter().map(|(k, v)| format!("{k}=\"{}\"", escape(v))).collect();
                let _ = write!(text, "{{{}}}", labels.join(","));
            }
            let _ = writeln!(text, " {}", sample.value);
        }
    }
    text
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}
