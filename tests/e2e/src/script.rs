//! Running JavaScript in the page: the one way flows call WebDriver's "execute script".
//!
//! Each helper fails the flow if the script throws or its result has the wrong type, and the
//! message quotes the script, so a failed flow says which probe broke.

use serde_json::Value;

use crate::harness::Harness;

impl Harness {
    /// Runs `script` in the current frame and returns its result (a returned promise is
    /// awaited).
    ///
    /// # Panics
    /// If the script throws; the message quotes it.
    pub async fn js(&self, script: &str) -> Value {
        self.js_with(script, Vec::new()).await
    }

    /// [`Harness::js`] with `args`, which the script reads as `arguments[0]`, ….
    pub async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver
            .execute(script, args)
            .await
            .map(|r| r.json().clone())
            .unwrap_or_else(|e| panic!("script failed: {e}\n  script: {script}"))
    }

    /// [`Harness::js`] for a script that returns a string or `null` (`None`).
    ///
    /// # Panics
    /// If the script throws or returns anything else; the message quotes it.
    pub async fn js_string(&self, script: &str) -> Option<String> {
        match self.js(script).await {
            Value::String(s) => Some(s),
            Value::Null => None,
            other => panic!("script returned {other} instead of a string\n  script: {script}"),
        }
    }

    /// The top edge (page coordinates) of the first element matching the CSS selector `css`.
    ///
    /// # Panics
    /// If nothing matches; the message names `css`.
    pub async fn top_of(&self, css: &str) -> f64 {
        self.js_with(
            "const e = document.querySelector(arguments[0]); \
             return e ? e.getBoundingClientRect().top + window.scrollY : null;",
            vec![Value::from(css)],
        )
        .await
        .as_f64()
        .unwrap_or_else(|| panic!("nothing matches {css}"))
    }

    /// [`Harness::js_with`] for a script that returns a boolean.
    ///
    /// # Panics
    /// If the script throws or returns anything else; the message quotes it.
    pub async fn js_bool(&self, script: &str, args: Vec<Value>) -> bool {
        match self.js_with(script, args).await {
            Value::Bool(b) => b,
            other => panic!("script returned {other} instead of a boolean\n  script: {script}"),
        }
    }
}
