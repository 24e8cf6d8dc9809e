//! Accessibility audits with axe-core, shared by the accessibility flow and the startup flows.

use serde_json::Value;

use crate::harness::Harness;

/// The axe-core script (`AXE_CORE_JS`, else the copy `.ci/tools.sh` installs under `.tools/`).
///
/// # Panics
/// If the file cannot be read; the message says how to install it.
pub fn axe_source() -> String {
    let path = std::env::var("AXE_CORE_JS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../.tools/npm/node_modules/axe-core/axe.min.js"
        )
        .to_owned()
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core not found at {path} ({e}); run `source .ci/tools.sh && install_axe`")
    })
}

impl Harness {
    /// Injects `axe` (see [`axe_source`]) into the current frame and runs it; returns
    /// "rule (impact): help — n node(s), e.g. first target" per serious or critical violation.
    ///
    /// # Panics
    /// When axe does not answer with a list of violations (not injected, failed, or changed its
    /// result shape): an audit that did not run must not read as "no violations".
    pub async fn serious_violations(&self, axe: &str) -> Vec<String> {
        self.js(axe).await;
        let result = self
            .js("return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${JSON.stringify(v.nodes[0].target)}`));")
            .await;
        let Value::Array(list) = result else {
            panic!("axe.run did not answer with a list of violations: {result}");
        };
        list.iter()
            .map(|v| {
                v.as_str()
                    .unwrap_or_else(|| panic!("axe violation {v} is not a description"))
                    .to_owned()
            })
            .collect()
    }
}
