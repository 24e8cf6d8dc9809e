//! The run configuration as labelled, grouped text rows for the config summary.
//! Missing fields are left out rather than shown as blanks.

use super::format::{bytes, duration_s, millis, number, value, yes_no};
use crate::model::{Config, SpaceBlock};

/// A titled group of `label: value` rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub title: &'static str,
    pub rows: Vec<(String, String)>,
}

/// One impulse of the search space in words.
#[derive(Clone, Debug, PartialEq)]
pub struct SpaceText {
    pub input: Vec<BlockOptions>,
    pub dsp: Vec<BlockOptions>,
    /// Alternatives; each is a chain of learn blocks joined with " + ".
    pub learn: Vec<Vec<BlockOptions>>,
    pub parameters: Vec<(String, String)>,
}

/// A block type and its parameter options (`frame_length: 0.02, 0.025`).
#[derive(Clone, Debug, PartialEq)]
pub struct BlockOptions {
    pub type_name: String,
    pub options: Vec<(String, String)>,
}

/// Everything the summary shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigText {
    pub groups: Vec<Group>,
    /// Where the search space came from (template / run / impulse / custom).
    pub space_source: Option<String>,
    pub space: Vec<SpaceText>,
    /// `tunerSpaceOptions`.
    pub space_options: Vec<(String, String)>,
    /// The rarely needed flags, for a collapsed "advanced" part.
    pub advanced: Vec<(String, String)>,
}

fn push<T>(rows: &mut Vec<(String, String)>, label: &str, v: Option<T>, f: impl Fn(T) -> String) {
    if let Some(v) = v {
        rows.push((label.to_owned(), f(v)));
    }
}

pub fn config_text(c: &Config) -> ConfigText {
    let mut target = Vec::new();
    if let Some(d) = &c.device {
        push(&mut target, "Device", d.name.clone(), |n| n);
        push(&mut target, "RAM", d.ram, bytes);
        push(&mut target, "ROM", d.rom, bytes);
    }
    push(&mut target, "Latency budget", c.target_latency_ms, millis);
    if !c.precisions.is_empty() {
        target.push(("Precision".into(), c.precisions.join(", ")));
    }
    push(
        &mut target,
        "Optimised for",
        c.optimization_precision.clone(),
        |p| p,
    );
    if !c.compilers.is_empty() {
        target.push(("Compiler".into(), c.compilers.join(", ")));
    }

    let mut search = Vec::new();
    push(&mut search, "Algorithm", c.algorithm.as_ref(), |a| {
        a.as_str().to_owned()
    });
    push(&mut search, "Max trials", c.max_trials, |n| n.to_string());
    push(&mut search, "Workers", c.workers, |n| n.to_string());
    push(&mut search, "Training cycles", c.training_cycles, |n| {
        n.to_string()
    });
    push(&mut search, "Initial trials", c.initial_trials, |n| {
        n.to_string()
    });
    push(
        &mut search,
        "Optimization rounds",
        c.optimization_rounds,
        |n| n.to_string(),
    );
    push(&mut search, "Trials per round", c.trials_per_round, |n| {
        n.to_string()
    });
    push(
        &mut search,
        "Max total training time",
        c.max_total_training_time_s,
        duration_s,
    );

    let mut objectives = Vec::new();
    if !c.objectives.is_empty() {
        for o in &c.objectives {
            let label = o
                .label
                .clone()
                .or_else(|| o.name.clone())
                .unwrap_or_else(|| "objective".into());
            objectives.push((
                label,
                o.weight
                    .map(|w| format!("weight {}", number(w, 3)))
                    .unwrap_or_else(|| "no weight".into()),
            ));
        }
    } else if let Some(raw) = &c.raw_objectives {
        objectives.push(("Objectives".into(), raw.clone()));
    }

    let mut early = Vec::new();
    push(&mut early, "Early stopping", c.early_stopping, |b| {
        yes_no(b).to_owned()
    });
    push(&mut early, "Window", c.early_stopping_window, |n| {
        format!("{n} rounds")
    });
    push(&mut early, "Improvement bar", c.early_stopping_bar, |v| {
        number(v, 4)
    });

    let groups = [
        ("Target", target),
        ("Search", search),
        ("Objectives", objectives),
        ("Early stopping", early),
    ]
    .into_iter()
    .filter(|(_, rows)| !rows.is_empty())
    .map(|(title, rows)| Group { title, rows })
    .collect();

    let mut advanced = Vec::new();
    push(&mut advanced, "MOMF", c.momf, |b| yes_no(b).to_owned());
    push(&mut advanced, "SEM enabled", c.enable_sem, |b| {
        yes_no(b).to_owned()
    });
    push(&mut advanced, "Accuracy SEM", c.accuracy_sem, |v| {
        number(v, 4)
    });
    push(&mut advanced, "Latency SEM", c.latency_sem, |v| {
        number(v, 4)
    });
    push(
        &mut advanced,
        "Import project metrics",
        c.import_project_metrics,
        |b| yes_no(b).to_owned(),
    );
    push(
        &mut advanced,
        "Project metrics imported",
        c.num_import_project_metrics,
        |n| n.to_string(),
    );
    push(
        &mut advanced,
        "Import resource metrics",
        c.import_resource_metrics,
        |b| yes_no(b).to_owned(),
    );
    push(
        &mut advanced,
        "Resource metrics imported",
        c.num_import_resource_metrics,
        |n| n.to_string(),
    );
    push(
        &mut advanced,
        "Constraints disabled",
        c.disable_constraints,
        |b| yes_no(b).to_owned(),
    );
    push(
        &mut advanced,
        "Deduplication disabled",
        c.disable_deduplicate,
        |b| yes_no(b).to_owned(),
    );
    push(&mut advanced, "Min MACCs", c.min_maccs, |v| number(v, 0));
    push(&mut advanced, "Max MACCs", c.max_maccs, |v| number(v, 0));
    push(
        &mut advanced,
        "Worker memory",
        c.child_job_memory_mib,
        |n| format!("{n} MiB"),
    );
    push(
        &mut advanced,
        "Notify on completion",
        c.notification_on_completion,
        |b| yes_no(b).to_owned(),
    );
    push(&mut advanced, "Verbose logging", c.verbose_logging, |b| {
        yes_no(b).to_owned()
    });

    let space_source = c.source.as_ref().map(|s| {
        let title = s
            .template_title
            .clone()
            .or_else(|| s.run_title.clone())
            .or_else(|| s.impulse_title.clone());
        match (s.kind.as_deref(), title) {
            (Some(kind), Some(title)) => format!("{kind}: {title}"),
            (Some(kind), None) => kind.to_owned(),
            (None, Some(title)) => title,
            (None, None) => "unknown".into(),
        }
    });
    let space_source = space_source.or_else(|| {
        c.template
            .as_ref()
            .and_then(|t| t.identifier.clone())
            .map(|id| format!("template: {id}"))
    });

    ConfigText {
        groups,
        space_source,
        space: c
            .space
            .iter()
            .map(|s| SpaceText {
                input: s.input.iter().map(block_options).collect(),
                dsp: s.dsp.iter().map(block_options).collect(),
                learn: s
                    .learn
                    .iter()
                    .map(|chain| chain.iter().map(block_options).collect())
                    .collect(),
                parameters: s
                    .parameters
                    .iter()
                    .map(|(k, v)| (k.clone(), value(v)))
                    .collect(),
            })
            .collect(),
        space_options: c
            .space_options
            .iter()
            .map(|(k, v)| (k.clone(), v.join(", ")))
            .collect(),
        advanced,
    }
}

fn block_options(b: &SpaceBlock) -> BlockOptions {
    BlockOptions {
        type_name: b
            .type_name
            .clone()
            .unwrap_or_else(|| "unknown block".into()),
        options: b
            .options
            .iter()
            .map(|(k, v)| (k.clone(), value(v)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Device, Objective};

    #[test]
    fn groups_leave_out_what_is_missing() {
        let c = Config {
            device: Some(Device {
                name: Some("cortex-m4f-80mhz".into()),
                ram: Some(131072.0),
                rom: None,
            }),
            target_latency_ms: Some(200.0),
            objectives: vec![Objective {
                name: Some("accuracy".into()),
                label: Some("Accuracy".into()),
                weight: Some(0.6),
            }],
            momf: Some(true),
            ..Default::default()
        };
        let t = config_text(&c);
        let titles: Vec<_> = t.groups.iter().map(|g| g.title).collect();
        assert_eq!(titles, ["Target", "Objectives"]);
        assert_eq!(
            t.groups[0].rows,
            [
                ("Device".into(), "cortex-m4f-80mhz".into()),
                ("RAM".into(), "128 KiB".into()),
                ("Latency budget".into(), "200 ms".into())
            ]
        );
        assert_eq!(
            t.groups[1].rows[0],
            ("Accuracy".into(), "weight 0.6".into())
        );
        assert_eq!(t.advanced, [("MOMF".into(), "yes".into())]);
        assert!(config_text(&Config::default()).groups.is_empty());
    }

    #[test]
    fn raw_objectives_when_no_structured_ones() {
        let c = Config {
            raw_objectives: Some("[{\"objective\":\"latency\"}]".into()),
            ..Default::default()
        };
        assert_eq!(config_text(&c).groups[0].title, "Objectives");
    }
}
