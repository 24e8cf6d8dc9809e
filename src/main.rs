//! Entry point: mount the app (wasm32 only; natively there is nothing to run).

fn main() {
    #[cfg(target_arch = "wasm32")]
    tunerscope::start();
}
