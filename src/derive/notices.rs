//! What is worth telling the user when a new snapshot arrives (browser notifications and
//! the screen-reader announcement): the run finished or failed, or a new best fitting trial.

/// The few facts about a snapshot that notices depend on.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Digest {
    pub run_name: String,
    pub live: bool,
    pub failed: bool,
    /// Best fitting trial: (key, name, accuracy 0–1).
    pub best: Option<(String, String, f64)>,
}

/// A notice: title and body.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// Notices for the change `previous` → `next`. Nothing on the first snapshot (`previous`
/// `None`): opening a page on a finished run is not news.
pub fn notices(previous: Option<&Digest>, next: &Digest) -> Vec<Notice> {
    let Some(previous) = previous else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if previous.live && !next.live {
        let title = if next.failed {
            "Tuner run failed"
        } else {
            "Tuner run finished"
        };
        out.push(Notice {
            title: title.into(),
            body: next.run_name.clone(),
        });
    }
    if let Some((key, name, accuracy)) = &next.best {
        if previous.best.as_ref().map(|b| &b.0) != Some(key) {
            out.push(Notice {
                title: "New best trial that fits".into(),
                body: format!(
                    "{name}: {} ({})",
                    super::format::percent(*accuracy),
                    next.run_name
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(live: bool, failed: bool, best: Option<&str>) -> Digest {
        Digest {
            run_name: "run".into(),
            live,
            failed,
            best: best.map(|b| (b.into(), format!("trial {b}"), 0.9)),
        }
    }

    #[test]
    fn first_snapshot_is_not_news() {
        assert!(notices(None, &digest(false, false, Some("a"))).is_empty());
    }

    #[test]
    fn finish_failure_and_new_best_are_news_once() {
        let n = notices(
            Some(&digest(true, false, Some("a"))),
            &digest(false, false, Some("a")),
        );
        assert_eq!(
            n.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(),
            ["Tuner run finished"]
        );
        let n = notices(Some(&digest(true, false, None)), &digest(false, true, None));
        assert_eq!(n[0].title, "Tuner run failed");
        let n = notices(
            Some(&digest(true, false, Some("a"))),
            &digest(true, false, Some("b")),
        );
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].body, "trial b: 90 % (run)");
        assert!(notices(
            Some(&digest(true, false, Some("b"))),
            &digest(true, false, Some("b"))
        )
        .is_empty());
        assert!(notices(
            Some(&digest(false, false, None)),
            &digest(false, false, None)
        )
        .is_empty());
    }
}
