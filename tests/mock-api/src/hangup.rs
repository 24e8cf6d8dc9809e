//! Closing a connection without any HTTP answer (the `drop` fault).
//!
//! `tiny_http` offers no way to close a client's connection: dropping a [`Request`] sends a 500,
//! and dropping its raw writer leaves the socket open (the client then waits forever). So on
//! Unix we find the connection's socket among the process's file descriptors, by its local port
//! and peer address, and shut it down. The client sees the connection closed with no response
//! (what a browser reports as e.g. `ERR_EMPTY_RESPONSE`), and `tiny_http`'s reader of that
//! connection sees end-of-file and lets the connection go.
//!
//! [`stall`] is the other half-answer (the `stall` fault): the head and part of the body go out
//! at once, then nothing more while the connection is held open, as from a proxy whose upstream
//! froze mid-answer. The client's own timeout is what must end it.

use std::io::Write;
use std::net::{Shutdown, SocketAddr};
use std::time::Duration;

use tiny_http::Request;

use crate::server::Ctx;

/// Writes `parts` on the raw connection of `request` and flushes them, then holds the connection
/// open without writing anything more for `hold` (or until the server stops), then closes it.
pub(crate) fn stall(request: Request, local_port: u16, parts: &[&[u8]], ctx: &Ctx, hold: Duration) {
    let peer = request.remote_addr().copied();
    let mut writer = request.into_writer();
    for part in parts {
        if writer.write_all(part).is_err() {
            break;
        }
    }
    let _ = writer.flush();
    ctx.sleep(hold);
    if let Some(peer) = peer {
        shut_down_socket(local_port, peer);
    }
    drop(writer);
}

/// Closes the connection of `request`, received on local port `local_port`, without answering.
pub(crate) fn hang_up(request: Request, local_port: u16) {
    if let Some(peer) = request.remote_addr().copied() {
        shut_down_socket(local_port, peer);
    }
    // Take the response writer out of the request, so that dropping the request does not try to
    // send a 500; the socket is already shut down, so this writes nothing.
    drop(request.into_writer());
}

/// Shuts down (both directions) every TCP socket of this process whose local port is
/// `local_port` and whose peer is `peer`. Returns whether one was found.
#[cfg(unix)]
fn shut_down_socket(local_port: u16, peer: SocketAddr) -> bool {
    use std::fs;
    use std::net::TcpStream;
    use std::os::fd::{BorrowedFd, RawFd};

    let Ok(dir) = fs::read_dir("/proc/self/fd").or_else(|_| fs::read_dir("/dev/fd")) else {
        return false;
    };
    let fds: Vec<RawFd> = dir
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    let mut found = false;
    for fd in fds {
        // SAFETY: the descriptor is only borrowed for the `try_clone_to_owned` (a `dup`) on the
        // next line. If it was closed since it was listed, `dup` fails with EBADF; if its number
        // was reused meanwhile, the address checks below tell whether it is our connection.
        let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
        let Ok(owned) = borrowed.try_clone_to_owned() else {
            continue;
        };
        // Not necessarily a TCP socket: then `peer_addr`/`local_addr` fail and we skip it.
        let socket = TcpStream::from(owned);
        let is_ours = socket.peer_addr().ok() == Some(peer)
            && socket.local_addr().is_ok_and(|a| a.port() == local_port);
        if is_ours {
            // Shutting down the duplicate shuts down the connection itself.
            found |= socket.shutdown(Shutdown::Both).is_ok();
        }
    }
    found
}

/// Elsewhere the connection is left open without an answer (the client eventually times out).
#[cfg(not(unix))]
fn shut_down_socket(_local_port: u16, _peer: SocketAddr) -> bool {
    false
}
