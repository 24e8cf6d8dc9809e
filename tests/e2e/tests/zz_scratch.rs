use e2e::Harness;
#[tokio::test]
#[should_panic(expected = "timed out")]
async fn scratch_panic_cleans_up() {
    let h = Harness::start().await;
    h.open("").await;
    h.wait_for_within("nothing-here", std::time::Duration::from_secs(1)).await;
}
