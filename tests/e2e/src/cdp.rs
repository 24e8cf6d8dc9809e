//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint.
//!
//! This crate builds `thirtyfour` without its `cdp` feature, so the request is built by hand: it
//! reuses the shape of a POST command the driver already knows and swaps in the CDP endpoint and
//! body. Flows use it through [`Harness::cdp`] (downloads, network and media emulation, DOM
//! counters, a pinned clock); the benchmark through [`execute`] (long tasks of page loads).

use serde_json::{json, Value};
use thirtyfour::common::command::{Command, FormatRequestData};
use thirtyfour::{RequestData, SessionId, WebDriver};

use crate::harness::Harness;

#[derive(Debug)]
struct CdpExecute {
    cmd: String,
    params: Value,
}

impl FormatRequestData for CdpExecute {
    fn format_request(&self, session_id: &SessionId) -> RequestData {
        let mut request = Command::GetLog("browser".into()).format_request(session_id);
        request.uri = format!("session/{session_id}/goog/cdp/execute").into();
        request.body = Some(json!({ "cmd": self.cmd, "params": self.params }));
        request
    }
}

/// Runs the DevTools command `cmd` with `params` in the page of `driver`; returns its result.
pub async fn execute(driver: &WebDriver, cmd: &str, params: Value) -> Result<Value, String> {
    driver
        .handle()
        .cmd(CdpExecute {
            cmd: cmd.to_owned(),
            params,
        })
        .await
        .and_then(|r| r.value::<Value>())
        .map_err(|e| format!("DevTools command {cmd} failed: {e}"))
}

/// Makes `source` run in every document the page loads from now on, before the page's own
/// scripts (and regardless of its Content-Security-Policy).
pub async fn on_new_document(driver: &WebDriver, source: &str) -> Result<(), String> {
    execute(
        driver,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await
    .map(drop)
}

impl Harness {
    /// Runs the DevTools command `cmd` with `params` in the page; returns its result.
    ///
    /// # Panics
    /// If the command fails; the message names it.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        execute(&self.driver, cmd, params)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Takes the browser off the network (`true`) or back on it (`false`), as DevTools'
    /// "Offline" does.
    pub async fn set_offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .await;
    }
}
