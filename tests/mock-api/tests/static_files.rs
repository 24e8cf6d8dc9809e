//! Tests of the static file server over real HTTP.

mod common;

use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{get, request};
use mock_api::{start_static, start_static_with, StaticFault, StaticOptions};

const INDEX: &str = "<!doctype html><title>Tunerscope</title>";
const WASM: &[u8] = b"\0asm\x01\0\0\0";

/// A fresh directory with a small built app in it; removed on drop.
struct Site(PathBuf);

impl Site {
    fn new() -> Site {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mock-api-static-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        fs::create_dir_all(dir.join("pkg")).unwrap();
        fs::create_dir_all(dir.join("docs")).unwrap();
        fs::write(dir.join("index.html"), INDEX).unwrap();
        fs::write(dir.join("pkg/app_bg.wasm"), WASM).unwrap();
        fs::write(dir.join("pkg/app.js"), "export default 1;").unwrap();
        fs::write(dir.join("style.css"), "body{}").unwrap();
        fs::write(dir.join("docs/index.html"), "docs").unwrap();
        Site(dir)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn serves_under_a_mount() {
    let site = Site::new();
    let server = start_static(&site.0, "/tools/tunerscope/").unwrap();
    let port = server.port();

    let index = get(port, "/tools/tunerscope/", &[]);
    assert_eq!(index.status, 200);
    assert_eq!(index.text(), INDEX);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(index.header("cache-control"), Some("no-store"));

    let wasm = get(port, "/tools/tunerscope/pkg/app_bg.wasm", &[]);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, WASM);

    let js = get(port, "/tools/tunerscope/pkg/app.js?v=2", &[]);
    assert_eq!(js.status, 200);
    assert!(js
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));

    let css = get(port, "/tools/tunerscope/style.css", &[]);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));

    let docs = get(port, "/tools/tunerscope/docs/", &[]);
    assert_eq!(docs.text(), "docs");

    // The mount without its slash redirects to it.
    let bare = get(port, "/tools/tunerscope", &[]);
    assert_eq!(bare.status, 301);
    assert_eq!(bare.header("location"), Some("/tools/tunerscope/"));

    for path in [
        "/",
        "/index.html",
        "/tools/index.html",
        "/tools/tunerscope/missing.js",
        "/tools/tunerscope/../index.html",
        "/tools/tunerscope/%2e%2e/index.html",
    ] {
        assert_eq!(get(port, path, &[]).status, 404, "{path}");
    }

    let head = request(port, "HEAD", "/tools/tunerscope/pkg/app_bg.wasm", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), Some("8"));
}

#[test]
fn serves_at_the_root() {
    let site = Site::new();
    let server = start_static(&site.0, "/").unwrap();
    let index = get(server.port(), "/", &[("Origin", "http://x")]);
    assert_eq!(index.status, 200);
    assert_eq!(index.text(), INDEX);
    assert_eq!(get(server.port(), "/index.html", &[]).text(), INDEX);
    assert_eq!(get(server.port(), "/pkg/app_bg.wasm", &[]).body, WASM);
    assert_eq!(get(server.port(), "/nope", &[]).status, 404);

    let log = server.requests();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].path, "/");
    assert_eq!(log[0].origin.as_deref(), Some("http://x"));
    assert_eq!(log[3].status, 404);
}

#[test]
fn faults_on_purpose_hit_only_the_matching_files() {
    let site = Site::new();
    let missing = start_static_with(
        &site.0,
        "/app/",
        StaticOptions::new().fault(".wasm", StaticFault::NotFound),
    )
    .unwrap();
    let wasm = get(missing.port(), "/app/pkg/app_bg.wasm", &[]);
    assert_eq!(wasm.status, 404);
    assert_eq!(
        get(missing.port(), "/app/pkg/app_bg.wasm?v=1", &[]).status,
        404
    );
    let index = get(missing.port(), "/app/", &[]);
    assert_eq!(index.status, 200);
    assert_eq!(index.text(), INDEX);
    assert_eq!(get(missing.port(), "/app/pkg/app.js", &[]).status, 200);

    let mislabelled = start_static_with(
        &site.0,
        "/app/",
        StaticOptions::new().fault(".wasm", StaticFault::ContentType("text/plain".to_owned())),
    )
    .unwrap();
    let wasm = get(mislabelled.port(), "/app/pkg/app_bg.wasm", &[]);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("text/plain"));
    assert_eq!(wasm.body, WASM);
    let css = get(mislabelled.port(), "/app/style.css", &[]);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
}

#[test]
fn a_delayed_file_comes_late_and_whole_and_holds_back_only_itself() {
    let site = Site::new();
    let wait = std::time::Duration::from_millis(1500);
    let slow = start_static_with(
        &site.0,
        "/",
        StaticOptions::new().fault("_bg.wasm", StaticFault::Delay(wait)),
    )
    .unwrap();
    let timed = |path: &str| {
        let start = std::time::Instant::now();
        let reply = get(slow.port(), path, &[]);
        (reply, start.elapsed())
    };
    let (wasm, took) = timed("/pkg/app_bg.wasm");
    assert!(took >= wait, "the delayed file came after {took:?}");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, WASM);
    // The delay is only the matching file's: the page comes at once.
    let (index, took) = timed("/");
    assert!(took < wait, "the page came after {took:?}");
    assert_eq!(index.text(), INDEX);
}

/// A browser opens several keep-alive connections at once when a page starts (stylesheets,
/// the JS module, the wasm): every one of them is answered, however many arrive together.
/// tiny_http 0.12's thread pool could leave a connection that arrived in the same instant as
/// others with no thread to read it, for as long as the others were kept alive (a page load
/// that never finished; see tests/vendor/tiny_http/PATCHED.md).
#[test]
fn connections_opened_together_are_all_answered() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;
    let site = Site::new();
    let server = start_static(&site.0, "/").unwrap();
    for round in 0..20 {
        // Connected and kept open, as a browser keeps them, before any is sent on.
        let mut streams: Vec<TcpStream> = (0..12)
            .map(|_| TcpStream::connect(("127.0.0.1", server.port())).unwrap())
            .collect();
        for stream in &mut streams {
            stream
                .write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
                .unwrap();
        }
        for (i, stream) in streams.iter_mut().enumerate() {
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut head = [0u8; 12];
            let read = stream.read_exact(&mut head);
            assert!(
                read.is_ok() && head.starts_with(b"HTTP/1.1 200"),
                "round {round}: connection {i} of 12 got no answer in 5 s ({read:?})"
            );
        }
    }
}
