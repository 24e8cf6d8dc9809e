//! Chrome DevTools Protocol commands through chromedriver's `goog/cdp/execute` endpoint, with a
//! tiny HTTP client (the crate's `thirtyfour` is built without its `cdp` feature).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use e2e::thirtyfour::WebDriver;
use serde_json::{json, Value};

/// Runs the CDP command `cmd` with `params` in the page of `driver`, and returns its result.
pub fn execute(driver: &WebDriver, cmd: &str, params: Value) -> Result<Value, String> {
    let handle = driver.handle();
    let url = handle.server_url();
    let host = url.host_str().ok_or("driver URL without host")?;
    let port = url
        .port_or_known_default()
        .ok_or("driver URL without port")?;
    let path = format!("/session/{}/goog/cdp/execute", handle.session_id());
    let body = json!({ "cmd": cmd, "params": params }).to_string();
    let mut stream = TcpStream::connect((host, port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open: read the head, then `Content-Length` bytes.
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).map_err(|e| e.to_string())?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad length: {line}"))?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    let answer: Value = serde_json::from_slice(&body)
        .map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&body)))?;
    if !status.starts_with("HTTP/1.1 200") {
        return Err(format!("{cmd}: {}", answer["value"]));
    }
    Ok(answer["value"].clone())
}

/// Makes `source` run in every document the page loads from now on, before the page's own
/// scripts.
pub fn on_new_document(driver: &WebDriver, source: &str) -> Result<(), String> {
    execute(
        driver,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .map(drop)
}
