//! A static file server for the built app: serves a directory under a URL prefix, optionally
//! misbehaving for some files the way badly configured hosts do ([`StaticFault`]).

use std::fs::{self, File};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use tiny_http::{Method, Request};

use crate::server::{make_header, make_response, Body, Ctx, Handler, Reply};

/// A way a badly configured host (or a proxy in between) mishandles a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaticFault {
    /// 404 `not found`, as if the file had not been deployed or a proxy stripped it.
    NotFound,
    /// The file, but with this `Content-Type` instead of the right one (e.g. `.wasm` as
    /// `text/plain`, which makes `WebAssembly.instantiateStreaming` refuse it).
    ContentType(String),
    /// The file as it is, after a wait (a slow host or connection for that one file).
    Delay(std::time::Duration),
}

/// Settings of the static file server beyond its directory and mount: faults on purpose.
#[derive(Clone, Debug, Default)]
pub struct StaticOptions {
    /// `(suffix, fault)`: a file whose URL path ends with `suffix` gets `fault`; the first
    /// matching entry wins.
    faults: Vec<(String, StaticFault)>,
}

impl StaticOptions {
    /// No faults: every file is served as it is.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files whose URL path (without the query string) ends with `suffix` (e.g. `".wasm"`) get
    /// `fault` instead of their normal answer.
    pub fn fault(mut self, suffix: &str, fault: StaticFault) -> Self {
        self.faults.push((suffix.to_owned(), fault));
        self
    }

    /// The fault for the URL path `path`, if any.
    fn fault_for(&self, path: &str) -> Option<&StaticFault> {
        self.faults
            .iter()
            .find(|(suffix, _)| path.ends_with(suffix.as_str()))
            .map(|(_, fault)| fault)
    }
}

/// Serves the files of `root` under the URL prefix `mount`.
pub(crate) struct StaticHandler {
    root: PathBuf,
    /// The URL prefix, starting and ending with `/`.
    mount: String,
    opts: StaticOptions,
}

impl StaticHandler {
    /// A server for `root` under `mount` (`"/"`, `"/app"`, `"/tools/tunerscope/"`, …).
    pub(crate) fn new(root: PathBuf, mount: &str, opts: StaticOptions) -> Self {
        let trimmed = mount.trim_matches('/');
        let mount = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        StaticHandler { root, mount, opts }
    }

    /// The file to serve for the URL path `path`, if any.
    fn resolve(&self, path: &str) -> Option<PathBuf> {
        let rest = path.strip_prefix(self.mount.as_str())?;
        let decoded = percent_decode(rest)?;
        let mut file = self.root.clone();
        for segment in decoded.split('/') {
            match segment {
                "" | "." => {}
                ".." => return None,
                s if s.contains('\\') || s.contains('\0') => return None,
                s => file.push(s),
            }
        }
        if file.is_dir() {
            file.push("index.html");
        }
        file.is_file().then_some(file)
    }
}

impl Handler for StaticHandler {
    fn handle(&self, request: &Request, ctx: &Ctx) -> Reply {
        let path = request.url().split('?').next().unwrap_or_default();
        if !matches!(request.method(), Method::Get | Method::Head) {
            return Reply::Send(text(405, "method not allowed\n"));
        }
        // The mount without its trailing slash: redirect, so that relative URLs resolve.
        if self.mount.len() > 1 && path == self.mount.trim_end_matches('/') {
            let headers = vec![
                make_header("Location", &self.mount),
                make_header("Cache-Control", "no-store"),
            ];
            return Reply::Send(make_response(301, headers, Box::new(std::io::empty()), 0));
        }
        let fault = self.opts.fault_for(path);
        if let Some(StaticFault::Delay(wait)) = fault {
            ctx.sleep(*wait);
        }
        if fault == Some(&StaticFault::NotFound) {
            return Reply::Send(text(404, "not found\n"));
        }
        let Some(file) = self.resolve(path) else {
            return Reply::Send(text(404, "not found\n"));
        };
        let opened = File::open(&file).and_then(|f| Ok((fs::metadata(&file)?.len(), f)));
        match opened {
            Ok((len, f)) => {
                let content_type = match fault {
                    Some(StaticFault::ContentType(wrong)) => wrong.as_str(),
                    _ => content_type(&file),
                };
                let headers = vec![
                    make_header("Content-Type", content_type),
                    make_header("Cache-Control", "no-store"),
                ];
                let len = usize::try_from(len).unwrap_or(usize::MAX);
                Reply::Send(make_response(200, headers, Box::new(f), len))
            }
            Err(err) => {
                eprintln!("mock-api: cannot read {}: {err}", file.display());
                Reply::Send(text(500, "cannot read file\n"))
            }
        }
    }
}

/// A plain-text response.
fn text(status: u16, body: &'static str) -> tiny_http::Response<Body> {
    let headers = vec![
        make_header("Content-Type", "text/plain; charset=utf-8"),
        make_header("Cache-Control", "no-store"),
    ];
    make_response(status, headers, Box::new(Cursor::new(body)), body.len())
}

/// The `Content-Type` for `file`, by extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_mount() {
        let mount = |m: &str| StaticHandler::new(PathBuf::new(), m, StaticOptions::new()).mount;
        assert_eq!(mount("/"), "/");
        assert_eq!(mount(""), "/");
        assert_eq!(mount("/tools/tunerscope/"), "/tools/tunerscope/");
        assert_eq!(mount("tools/tunerscope"), "/tools/tunerscope/");
    }

    #[test]
    fn the_first_fault_whose_suffix_matches_wins() {
        let opts = StaticOptions::new()
            .fault(".wasm", StaticFault::NotFound)
            .fault(
                "_bg.wasm",
                StaticFault::ContentType("text/plain".to_owned()),
            )
            .fault(".js", StaticFault::ContentType("text/plain".to_owned()));
        assert_eq!(
            opts.fault_for("/a/app_bg.wasm"),
            Some(&StaticFault::NotFound)
        );
        assert_eq!(
            opts.fault_for("/a/app.js"),
            Some(&StaticFault::ContentType("text/plain".to_owned()))
        );
        assert_eq!(opts.fault_for("/a/app.css"), None);
        assert_eq!(opts.fault_for("/a/app.wasm.map"), None);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%2e%2E").as_deref(), Some(".."));
        assert_eq!(percent_decode("bad%2"), None);
        assert_eq!(percent_decode("bad%zz"), None);
    }

    #[test]
    fn knows_content_types() {
        assert_eq!(content_type(Path::new("a/app_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.bin")), "application/octet-stream");
    }
}
