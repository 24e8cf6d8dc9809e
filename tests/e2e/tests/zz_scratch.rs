use e2e::Harness;
#[tokio::test]
async fn scratch_drop_timing() {
    let h = Harness::start().await;
    h.open("").await;
    h.wait_for("demo-badge").await;
    let t = std::time::Instant::now();
    drop(h);
    println!("drop took {:?}", t.elapsed());
}
