//! Page-object helpers: find the app's `data-testid` hooks and connection form fields, and wait
//! for them by polling.
//!
//! Every wait polls every 100 ms until its condition holds or the timeout passes
//! ([`DEFAULT_TIMEOUT`] unless the name ends in `_within`). A timeout panics with what was awaited,
//! what was last seen, the current address and an excerpt of the page's visible text, so a failed
//! flow explains itself.

use std::ops::AsyncFnMut;
use std::time::{Duration, Instant};

use serde_json::Value;
use thirtyfour::prelude::*;
use url::Url;

use crate::harness::{Harness, DEFAULT_TIMEOUT};

/// Pause between two probes of a wait.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// How much of the page's visible text a timeout message quotes.
const EXCERPT_CHARS: usize = 800;

/// The selector of the `data-testid` hook `testid`.
pub fn hook(testid: &str) -> By {
    By::Css(format!(r#"[data-testid="{testid}"]"#))
}

/// The selector of the connection form's field named `name`.
fn form_field(name: &str) -> By {
    By::Css(format!(r#"[data-testid="connect-form"] [name="{name}"]"#))
}

impl Harness {
    /// Navigates to [`Harness::app_url`]`(query)`.
    pub async fn open(&self, query: &str) {
        let url = self.app_url(query);
        self.driver
            .goto(url.as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Reloads the page, like the browser's reload button.
    pub async fn reload(&self) {
        self.driver
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("cannot reload the page: {e}"));
    }

    /// Polls `probe` until it returns `Ok`, and returns that value.
    ///
    /// `probe` returns `Err(what it saw)` while the condition does not hold yet (WebDriver errors
    /// such as stale elements included); the last one is quoted if `timeout` passes.
    ///
    /// # Panics
    /// When `timeout` passes; the message names `what`, the last observation and the page.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl AsyncFnMut() -> Result<T, String>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            let last = match probe().await {
                Ok(value) => return value,
                Err(seen) => seen,
            };
            if Instant::now() >= deadline {
                let url = self
                    .driver
                    .current_url()
                    .await
                    .map_or_else(|e| format!("<unknown: {e}>"), |u| u.to_string());
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n  last seen: {last}\n  \
                     address: {url}\n  page text: {}",
                    self.text_excerpt().await
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Waits until an element with `data-testid=testid` is displayed, and returns it.
    pub async fn wait_for(&self, testid: &str) -> WebElement {
        self.wait_for_within(testid, DEFAULT_TIMEOUT).await
    }

    /// [`Harness::wait_for`] with a custom timeout.
    pub async fn wait_for_within(&self, testid: &str, timeout: Duration) -> WebElement {
        let what = format!("[data-testid={testid}] to be displayed");
        self.wait_until(&what, timeout, async || self.displayed(testid).await)
            .await
    }

    /// Waits until exactly `n` elements with `data-testid=testid` are in the page, and returns
    /// them.
    pub async fn wait_for_count(&self, testid: &str, n: usize) -> Vec<WebElement> {
        self.wait_for_count_within(testid, n, DEFAULT_TIMEOUT).await
    }

    /// [`Harness::wait_for_count`] with a custom timeout.
    pub async fn wait_for_count_within(
        &self,
        testid: &str,
        n: usize,
        timeout: Duration,
    ) -> Vec<WebElement> {
        let what = format!("exactly {n} [data-testid={testid}] element(s)");
        self.wait_until(&what, timeout, async || {
            let found = self.all(testid).await?;
            if found.len() == n {
                Ok(found)
            } else {
                Err(format!("{} element(s)", found.len()))
            }
        })
        .await
    }

    /// Waits until at least `n` elements with `data-testid=testid` are in the page, and returns
    /// them.
    pub async fn wait_for_at_least_within(
        &self,
        testid: &str,
        n: usize,
        timeout: Duration,
    ) -> Vec<WebElement> {
        let what = format!("at least {n} [data-testid={testid}] element(s)");
        self.wait_until(&what, timeout, async || {
            let found = self.all(testid).await?;
            if found.len() >= n {
                Ok(found)
            } else {
                Err(format!("{} element(s)", found.len()))
            }
        })
        .await
    }

    /// Waits for the displayed hook `testid` and returns its attribute `name` (`None` if absent).
    pub async fn attr(&self, testid: &str, name: &str) -> Option<String> {
        let what = format!("attribute {name} of [data-testid={testid}]");
        self.wait_until(&what, DEFAULT_TIMEOUT, async || {
            self.try_attr(testid, name).await
        })
        .await
    }

    /// Waits until the displayed hook `testid` has `name="expected"`, and returns the element.
    pub async fn wait_for_attr(&self, testid: &str, name: &str, expected: &str) -> WebElement {
        self.wait_for_attr_within(testid, name, expected, DEFAULT_TIMEOUT)
            .await
    }

    /// [`Harness::wait_for_attr`] with a custom timeout.
    pub async fn wait_for_attr_within(
        &self,
        testid: &str,
        name: &str,
        expected: &str,
        timeout: Duration,
    ) -> WebElement {
        let what = format!("[data-testid={testid}] with {name}={expected:?}");
        self.wait_until(&what, timeout, async || {
            let el = self.displayed(testid).await?;
            match el.attr(name).await {
                Ok(Some(v)) if v == expected => Ok(el),
                Ok(v) => Err(format!("{name}={v:?}")),
                Err(e) => Err(e.to_string()),
            }
        })
        .await
    }

    /// One look, no waiting: attribute `name` of every element with `data-testid=testid`, in
    /// document order (read in one step, so a re-render cannot interleave).
    pub async fn attr_of_all(&self, testid: &str, name: &str) -> Vec<Option<String>> {
        self.driver
            .execute(
                "const [testid, name] = arguments; \
                 return Array.from(document.querySelectorAll(`[data-testid=\"${testid}\"]`), \
                                   (el) => el.getAttribute(name));",
                vec![Value::from(testid), Value::from(name)],
            )
            .await
            .and_then(|r| r.convert())
            .unwrap_or_else(|e| panic!("cannot read {name} of [data-testid={testid}]: {e}"))
    }

    /// One look, no waiting: attribute `name` of the displayed hook `testid`, or what went wrong.
    /// Meant for [`Harness::wait_until`] probes.
    pub async fn try_attr(&self, testid: &str, name: &str) -> Result<Option<String>, String> {
        let el = self.displayed(testid).await?;
        el.attr(name).await.map_err(|e| e.to_string())
    }

    /// One look: whether the hook `testid` is displayed right now.
    pub async fn is_shown(&self, testid: &str) -> bool {
        self.displayed(testid).await.is_ok()
    }

    /// One look, no waiting: the first displayed element with `data-testid=testid`.
    pub async fn displayed(&self, testid: &str) -> Result<WebElement, String> {
        let found = self.all(testid).await?;
        if found.is_empty() {
            return Err("no such element".to_owned());
        }
        let n = found.len();
        for el in found {
            if el.is_displayed().await.unwrap_or(false) {
                return Ok(el);
            }
        }
        Err(format!("{n} element(s), none displayed"))
    }

    /// One look, no waiting: every element with `data-testid=testid`, displayed or not.
    pub async fn all(&self, testid: &str) -> Result<Vec<WebElement>, String> {
        self.driver
            .find_all(hook(testid))
            .await
            .map_err(|e| format!("lookup failed: {e}"))
    }

    /// The current value of the connection form's field `name` (`project`, `job`, `api`,
    /// `api-key`), waiting for the field to exist.
    pub async fn input_value(&self, name: &str) -> String {
        let what = format!("connect-form field {name:?}");
        self.wait_until(&what, DEFAULT_TIMEOUT, async || {
            let el = self.form_field(name).await?;
            el.prop("value")
                .await
                .map(Option::unwrap_or_default)
                .map_err(|e| e.to_string())
        })
        .await
    }

    /// Replaces the value of the connection form's field `name` with `value`, by typing, as a
    /// user would.
    ///
    /// # Panics
    /// If the field does not appear, cannot be typed into, or does not hold `value` afterwards
    /// (the message names the field): a field a user could not fill fails the flow, it is never
    /// filled from script instead.
    pub async fn fill_input(&self, name: &str, value: &str) {
        let what = format!("connect-form field {name:?} to be displayed and enabled");
        let el = self
            .wait_until(&what, DEFAULT_TIMEOUT, async || {
                let el = self.form_field(name).await?;
                usable(&el).await?;
                Ok(el)
            })
            .await;
        if let Err(e) = type_into(&el, value).await {
            panic!("cannot type into connect-form field {name:?}: {e}");
        }
        let now = field_value(&el)
            .await
            .unwrap_or_else(|e| panic!("cannot read connect-form field {name:?}: {e}"));
        assert_eq!(
            now, value,
            "connect-form field {name:?} holds {now:?} after typing {value:?} into it"
        );
    }

    /// Ticks or unticks the connection form's `remember-key` checkbox.
    pub async fn set_remember_key(&self, remember: bool) {
        let el = self
            .wait_until(
                "connect-form checkbox remember-key",
                DEFAULT_TIMEOUT,
                async || self.form_field("remember-key").await,
            )
            .await;
        let ticked = el
            .is_selected()
            .await
            .unwrap_or_else(|e| panic!("cannot read remember-key: {e}"));
        if ticked != remember {
            self.click(&el, "remember-key").await;
        }
    }

    /// Fills every field of the connection form (without submitting it).
    pub async fn fill_connect_form(&self, project: &str, job: &str, api: &str, key: &str) {
        self.wait_for("connect-form").await;
        self.fill_input("project", project).await;
        self.fill_input("job", job).await;
        self.fill_input("api", api).await;
        self.fill_input("api-key", key).await;
    }

    /// Submits the connection form with its `connect` button.
    pub async fn submit_connect(&self) {
        let button = self.wait_for("connect").await;
        self.click(&button, "connect").await;
    }

    /// Fills the connection form and submits it.
    pub async fn connect(&self, project: &str, job: &str, api: &str, key: &str) {
        self.fill_connect_form(project, job, api, key).await;
        self.submit_connect().await;
    }

    /// Opens run `job` of `project` at API base `api`, with `extra` query pairs after those
    /// three (as a shared link would).
    pub async fn open_run(&self, project: &str, job: u64, api: &str, extra: &[(&str, &str)]) {
        let job = job.to_string();
        let mut pairs = vec![("project", project), ("job", job.as_str()), ("api", api)];
        pairs.extend_from_slice(extra);
        self.open(&crate::query(&pairs)).await;
    }

    /// Waits for the connection form, types `key` into it and submits it.
    pub async fn enter_key(&self, key: &str) {
        self.wait_for("connect-form").await;
        self.fill_input("api-key", key).await;
        self.submit_connect().await;
    }

    /// Opens run `job` of project 1 on the mock API (with `extra` query pairs) and enters
    /// `key` in the form the page then shows.
    pub async fn open_run_with_key(&self, job: u64, extra: &[(&str, &str)], key: &str) {
        self.open_run("1", job, &self.api_base(), extra).await;
        self.enter_key(key).await;
    }

    /// Waits until the run header's title is `name` (the run shown is that one).
    pub async fn wait_for_run_title(&self, name: &str) {
        self.wait_until(
            &format!("the run header titled {name:?}"),
            DEFAULT_TIMEOUT,
            async || {
                let title = self
                    .driver
                    .find(By::Css(r#"[data-testid="run-header"] .run-title h2"#))
                    .await
                    .map_err(|e| e.to_string())?
                    .text()
                    .await
                    .map_err(|e| e.to_string())?;
                if title == name {
                    Ok(())
                } else {
                    Err(format!("title {title:?}"))
                }
            },
        )
        .await;
    }

    /// Resizes the window so that the page itself (the viewport) is `width`×`height` CSS pixels.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let frame: [u32; 2] = self
            .driver
            .execute(
                "return [window.outerWidth - window.innerWidth, \
                         window.outerHeight - window.innerHeight];",
                Vec::new(),
            )
            .await
            .and_then(|r| r.convert())
            .unwrap_or_else(|e| panic!("cannot measure the window frame: {e}"));
        self.driver
            .set_window_rect(0, 0, width + frame[0], height + frame[1])
            .await
            .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    }

    /// The browser's current address.
    pub async fn current_url(&self) -> Url {
        self.driver
            .current_url()
            .await
            .unwrap_or_else(|e| panic!("cannot read the current address: {e}"))
    }

    /// The value of query parameter `name` in the current address.
    pub async fn query_param(&self, name: &str) -> Option<String> {
        self.current_url()
            .await
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The page's visible text (`document.body.innerText`).
    pub async fn page_text(&self) -> String {
        self.driver
            .execute(
                "return document.body ? document.body.innerText : '';",
                Vec::new(),
            )
            .await
            .and_then(|r| r.convert::<String>())
            .unwrap_or_else(|e| format!("<cannot read the page text: {e}>"))
    }

    /// The start of the page's visible text on one line, for failure messages.
    async fn text_excerpt(&self) -> String {
        let text = self.page_text().await;
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.char_indices().nth(EXCERPT_CHARS) {
            Some((cut, _)) => format!("{}…", &flat[..cut]),
            None if flat.is_empty() => "<empty>".to_owned(),
            None => flat,
        }
    }

    /// One look: the connection form's field `name`.
    async fn form_field(&self, name: &str) -> Result<WebElement, String> {
        self.driver
            .find(form_field(name))
            .await
            .map_err(|_| format!("no field named {name:?} in [data-testid=connect-form]"))
    }

    /// Clicks `el` like a user, once it is displayed and enabled.
    ///
    /// # Panics
    /// If `el` does not become displayed and enabled, or the click fails (e.g. something covers
    /// it); the message names `label`. A control a user could not click fails the flow, it is
    /// never clicked from script instead.
    async fn click(&self, el: &WebElement, label: &str) {
        let what = format!("{label} to be displayed and enabled");
        self.wait_until(&what, DEFAULT_TIMEOUT, async || usable(el).await)
            .await;
        if let Err(e) = el.click().await {
            panic!("cannot click {label}: {e}");
        }
    }
}

/// One look: `Ok` if `el` is displayed and enabled, else what it is.
async fn usable(el: &WebElement) -> Result<(), String> {
    match (el.is_displayed().await, el.is_enabled().await) {
        (Ok(true), Ok(true)) => Ok(()),
        (Ok(shown), Ok(enabled)) => Err(format!("displayed: {shown}, enabled: {enabled}")),
        (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
    }
}

/// Clears `el` and types `value` into it.
async fn type_into(el: &WebElement, value: &str) -> WebDriverResult<()> {
    el.clear().await?;
    if !field_value(el).await?.is_empty() {
        el.send_keys(Key::Control + "a").await?;
        el.send_keys(Key::Backspace).await?;
    }
    if !value.is_empty() {
        el.send_keys(value).await?;
    }
    Ok(())
}

/// The live `value` property of an input (an input without one reads as "").
async fn field_value(el: &WebElement) -> WebDriverResult<String> {
    Ok(el.prop("value").await?.unwrap_or_default())
}
