//! `mock-api`: runs the mock EON Tuner API (and optionally a static file server) until killed.
//!
//! ```text
//! cargo run -p mock-api -- [--port 8787] [--fixtures tests/fixtures] [--key test-key]
//!                          [--static DIR [--static-port 8080] [--mount /]]
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;

use mock_api::{jobs, projects, start_api_on, start_static_on, ApiOptions, DEFAULT_API_KEY};

const USAGE: &str = "\
usage: mock-api [--port PORT] [--fixtures DIR] [--key KEY]
                [--static DIR [--static-port PORT] [--mount PREFIX]]

  --port PORT         port of the mock API on 127.0.0.1 (default 8787; 0 = any free port)
  --fixtures DIR      fixture directory (default tests/fixtures, else the crate's ../fixtures)
  --key KEY           the accepted x-api-key (default test-key)
  --static DIR        also serve the files of DIR (e.g. the built app)
  --static-port PORT  port of the static file server (default 8080)
  --mount PREFIX      URL prefix of the static files (default /)";

/// Command-line settings.
#[derive(Debug)]
struct Args {
    port: u16,
    fixtures: Option<PathBuf>,
    key: String,
    static_dir: Option<PathBuf>,
    static_port: u16,
    mount: String,
}

/// Parses the command line (without the program name). `Ok(None)` means `--help`.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        port: 8787,
        fixtures: None,
        key: DEFAULT_API_KEY.to_owned(),
        static_dir: None,
        static_port: 8080,
        mount: "/".to_owned(),
    };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let port = |s: String| s.parse::<u16>().map_err(|_| format!("bad port: {s}"));
        match flag.as_str() {
            "--port" => parsed.port = port(value()?)?,
            "--fixtures" => parsed.fixtures = Some(value()?.into()),
            "--key" => parsed.key = value()?,
            "--static" => parsed.static_dir = Some(value()?.into()),
            "--static-port" => parsed.static_port = port(value()?)?,
            "--mount" => parsed.mount = value()?,
            _ => return Err(format!("unknown argument: {flag}")),
        }
    }
    Ok(Some(parsed))
}

/// The fixture directory: `tests/fixtures` under the current directory if it exists, else the
/// `fixtures` directory next to this crate.
fn default_fixtures() -> PathBuf {
    let here = Path::new("tests/fixtures");
    if here.is_dir() {
        here.to_owned()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("mock-api: {err}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let fixtures = args.fixtures.unwrap_or_else(default_fixtures);
    if !fixtures.is_dir() {
        eprintln!("mock-api: no fixture directory at {}", fixtures.display());
        return ExitCode::FAILURE;
    }

    let options = ApiOptions {
        fixtures: fixtures.clone(),
        api_key: args.key.clone(),
    };
    let api = match start_api_on(&format!("127.0.0.1:{}", args.port), options) {
        Ok(server) => server,
        Err(err) => {
            eprintln!("mock-api: cannot listen on port {}: {err}", args.port);
            return ExitCode::FAILURE;
        }
    };
    println!("mock API on {} (key: {})", api.base_url(), args.key);
    println!("  fixtures: {}", fixtures.display());
    println!(
        "  e.g. curl -H 'x-api-key: {}' {}/v1/api/1/optimize/{}/state",
        args.key,
        api.base_url(),
        jobs::COMPLETED
    );
    println!(
        "  runs: {0}/v1/api/{1}/optimize/runs (project {1}; {2}: none; {3}: hostile; {4}: compare)",
        api.base_url(),
        projects::NORMAL,
        projects::NO_RUNS,
        projects::HOSTILE_RUNS,
        projects::COMPARE
    );
    println!(
        "  logs: {0}/v1/api/1/jobs/{1}/stdout?limit=1000, {0}/v1/api/1/optimize/trial/genlog-5000/stdout",
        api.base_url(),
        jobs::JOB_ERROR
    );

    // Kept alive until the process ends.
    let _static_server = match &args.static_dir {
        None => None,
        Some(dir) => {
            let addr = format!("127.0.0.1:{}", args.static_port);
            match start_static_on(&addr, dir, &args.mount) {
                Ok(server) => {
                    println!(
                        "static files of {} on {}{}",
                        dir.display(),
                        server.base_url(),
                        args.mount
                    );
                    Some(server)
                }
                Err(err) => {
                    eprintln!("mock-api: cannot listen on {addr}: {err}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };

    loop {
        thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults() {
        let args = parse(&[]).unwrap().unwrap();
        assert_eq!(args.port, 8787);
        assert_eq!(args.key, "test-key");
        assert!(args.fixtures.is_none() && args.static_dir.is_none());
        assert_eq!((args.static_port, args.mount.as_str()), (8080, "/"));
    }

    #[test]
    fn all_flags() {
        let args = parse(&[
            "--port",
            "0",
            "--fixtures",
            "fx",
            "--key",
            "k",
            "--static",
            "dist",
            "--static-port",
            "9000",
            "--mount",
            "/tools/tunerscope/",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(args.port, 0);
        assert_eq!(args.fixtures, Some(PathBuf::from("fx")));
        assert_eq!(args.key, "k");
        assert_eq!(args.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(args.static_port, 9000);
        assert_eq!(args.mount, "/tools/tunerscope/");
    }

    #[test]
    fn errors_and_help() {
        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["--port"]).is_err());
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }
}
