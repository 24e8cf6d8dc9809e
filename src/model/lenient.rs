//! Tolerant deserializers for the wire types.
//!
//! The state endpoint drifts (fields appear, vanish, change type, come as `30.0` where an
//! integer is documented), and proxies mangle things. Every field of the wire mirror goes
//! through one of these helpers, so a single odd value becomes `None` (or an empty list)
//! instead of failing the whole response. Nothing here buffers whole sub-trees: scalars are
//! visited directly and objects are handed straight to the derived struct deserializer, so
//! tolerance costs almost nothing on a 10 MB response.

use super::domain::Reading;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// Any JSON value, reduced to what a scalar field can use.
enum Scalar {
    Num(f64),
    Int(i64),
    UInt(u64),
    Str(String),
    Bool(bool),
    /// `null` (or a missing value the deserializer was asked for).
    Null,
    /// An array or an object where a scalar was expected.
    Other,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

/// A finite number; numeric strings are accepted, anything else is `None`.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Num(v) => Some(v),
        Scalar::Int(v) => Some(v as f64),
        Scalar::UInt(v) => Some(v as f64),
        Scalar::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|v| v.is_finite()))
}

/// A part of a budget figure (latency, RAM, ROM): see [`Reading`]. A number or numeric text
/// (`"500"`, `" 1e3 "`) is read as that number if it is finite and ≥ 0; `null` is missing;
/// anything else sent (negative, `"NaN"`, `"inf"`, `"12 ms"`, `true`, a list) is invalid.
/// Use with `#[serde(default)]` so an absent key is missing too.
pub fn reading<'de, D: Deserializer<'de>>(d: D) -> Result<Reading, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Num(v) => Reading::of(v),
        Scalar::Int(v) => Reading::of(v as f64),
        Scalar::UInt(v) => Reading::of(v as f64),
        Scalar::Str(s) => reading_of_text(&s),
        Scalar::Null => Reading::Missing,
        Scalar::Bool(_) | Scalar::Other => Reading::Invalid,
    })
}

/// [`reading`] for a value already parsed into a tree (the free-form impulse blocks); `None`
/// (the key is absent) is missing.
pub fn reading_of_value(v: Option<&serde_json::Value>) -> Reading {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => Reading::Missing,
        Some(Value::Number(n)) => n.as_f64().map_or(Reading::Invalid, Reading::of),
        Some(Value::String(s)) => reading_of_text(s),
        Some(_) => Reading::Invalid,
    }
}

fn reading_of_text(text: &str) -> Reading {
    // Rust's parser also takes "NaN" and "inf"; `Reading::of` rejects those as not finite.
    text.trim()
        .parse::<f64>()
        .map_or(Reading::Invalid, Reading::of)
}

/// A non-negative integer; `30.0` and `"30"` count, `30.5` and `-1` do not.
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::UInt(v) => Some(v),
        Scalar::Int(v) => u64::try_from(v).ok(),
        Scalar::Num(v) => integral(v),
        Scalar::Str(s) => s.trim().parse::<f64>().ok().and_then(integral),
        _ => None,
    })
}

fn integral(v: f64) -> Option<u64> {
    // 2^53: beyond it f64 no longer holds every integer, so the value is not trustworthy.
    (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0)
        .then_some(v as u64)
}

/// Text; numbers and booleans are turned into their JSON text (ids sometimes come as numbers).
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Str(s) => Some(s),
        Scalar::Int(v) => Some(v.to_string()),
        Scalar::UInt(v) => Some(v.to_string()),
        Scalar::Num(v) => Some(v.to_string()),
        Scalar::Bool(v) => Some(v.to_string()),
        Scalar::Null | Scalar::Other => None,
    })
}

/// A boolean; `"true"`/`"false"` strings are accepted.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Bool(v) => Some(v),
        Scalar::Str(s) if s == "true" => Some(true),
        Scalar::Str(s) if s == "false" => Some(false),
        _ => None,
    })
}

/// A list of strings; non-string items are skipped, a non-list is empty.
pub fn vec_string<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let list: LenientVec<LenientString> = LenientVec::deserialize(d)?;
    Ok(list.items.into_iter().filter_map(|s| s.0).collect())
}

/// A whole number as a generic JSON tree reads one (`Value::as_u64`, else an integral
/// float ≥ 0 below 9e15): unlike [`opt_u64`], text such as `"30"` is not a number here.
pub fn opt_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::UInt(v) => Some(v),
        Scalar::Int(v) => u64::try_from(v).ok(),
        Scalar::Num(v) => (v >= 0.0 && v.fract() == 0.0 && v < 9.0e15).then_some(v as u64),
        _ => None,
    })
}

/// JSON text only: any other value is `None` (unlike [`opt_string`]).
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match scalar(d)? {
        Scalar::Str(s) => Some(s),
        _ => None,
    })
}

/// Any value present, as text: a string as itself, anything else (even `null`) as its JSON.
pub fn opt_value_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Some(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }))
}

/// A list of values kept as their JSON text (read later, or on demand); a non-list is empty.
pub fn vec_raw<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Box<serde_json::value::RawValue>>, D::Error> {
    Ok(LenientVec::<Box<serde_json::value::RawValue>>::deserialize(d)?.items)
}

/// A list of free-form values; a non-list is empty.
pub fn vec_value<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<serde_json::Value>, D::Error> {
    Ok(LenientVec::<serde_json::Value>::deserialize(d)?.items)
}

struct LenientString(Option<String>);
impl<'de> Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        opt_string(d).map(LenientString)
    }
}

/// An object-shaped value that may be missing, `null` or of the wrong type (then `None`).
///
/// Only for types that deserialize from a JSON object (structs, maps).
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient<T>(pub Option<T>);

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Lenient<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lenient<T>, D::Error> {
                Lenient::deserialize(d)
            }
            fn visit_none<E>(self) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E>(self) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Lenient<T>, E> {
                Ok(Lenient(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A list whose unreadable items are dropped (and counted) instead of failing the list.
#[derive(Debug, Clone, PartialEq)]
pub struct LenientVec<T> {
    pub items: Vec<T>,
    /// Items that were not of the expected shape.
    pub dropped: usize,
    /// Whether a list was there at all (a non-list value counts as absent).
    pub present: bool,
}

impl<T> Default for LenientVec<T> {
    fn default() -> Self {
        LenientVec {
            items: Vec::new(),
            dropped: 0,
            present: false,
        }
    }
}

/// What one list item became; see [`LenientVec`].
trait ListItem: Sized {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error>;
}

impl<T: DeserializeOwned + ObjectLike> ListItem for T {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        // Route through `Lenient` so a stray scalar in a list of objects is skipped.
        if T::OBJECT {
            Lenient::<T>::deserialize(d).map(|l| l.0)
        } else {
            T::deserialize(d).map(Some)
        }
    }
}

/// Whether a list item must be a JSON object (wire structs) or may be any value.
pub trait ObjectLike {
    const OBJECT: bool = true;
}
impl ObjectLike for serde_json::Value {
    const OBJECT: bool = false;
}
impl ObjectLike for Box<serde_json::value::RawValue> {
    const OBJECT: bool = false;
}
impl ObjectLike for LenientString {
    const OBJECT: bool = false;
}

struct Item<T>(Option<T>);
impl<'de, T: ListItem> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read(d).map(Item)
    }
}

impl<'de, T: ListItem> Deserialize<'de> for LenientVec<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: ListItem> Visitor<'de> for V<T> {
            type Value = LenientVec<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LenientVec<T>, A::Error> {
                let mut out = LenientVec {
                    items: Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096)),
                    dropped: 0,
                    present: true,
                };
                while let Some(Item(item)) = seq.next_element::<Item<T>>()? {
                    match item {
                        Some(v) => out.items.push(v),
                        None => out.dropped += 1,
                    }
                }
                Ok(out)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LenientVec<T>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(LenientVec::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<LenientVec<T>, D::Error> {
                LenientVec::deserialize(d)
            }
            fn visit_none<E>(self) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_unit<E>(self) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<LenientVec<T>, E> {
                Ok(LenientVec::default())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A number for a table cell: `None` for anything that is not a number.
struct Cell(Option<f64>);
impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Cell(match scalar(d)? {
            Scalar::Num(v) => Some(v),
            Scalar::Int(v) => Some(v as f64),
            Scalar::UInt(v) => Some(v as f64),
            _ => None,
        }))
    }
}

/// A list of `T`, or `None` when the value is anything but a list (consumed whole).
struct ListOrNone<T>(Option<Vec<T>>);
impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListOrNone<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = ListOrNone<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListOrNone<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOrNone(Some(items)))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<ListOrNone<T>, D::Error> {
                ListOrNone::deserialize(d)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListOrNone<T>, A::Error> {
                ScalarVisitor.visit_map(map).map(|_| ListOrNone(None))
            }
            fn visit_none<E>(self) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_unit<E>(self) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<ListOrNone<T>, E> {
                Ok(ListOrNone(None))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Rows of cells; a cell that was not a number is `None`.
pub type Matrix = Vec<Vec<Option<f64>>>;

/// A classification report's classes in the order received, each with its `support`.
pub type ClassSupports = Vec<(String, Option<f64>)>;

/// A table of numbers (`confusionMatrix`): `None` unless it is a list of lists; cells that
/// are not numbers are `None`. Read straight into numbers because a generic JSON tree of a
/// matrix costs several times its text in memory, for each metric set of every trial.
pub fn opt_matrix<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Matrix>, D::Error> {
    let rows: ListOrNone<ListOrNone<Cell>> = ListOrNone::deserialize(d)?;
    Ok(rows.0.and_then(|rows| {
        rows.into_iter()
            .map(|row| row.0.map(|cells| cells.into_iter().map(|c| c.0).collect()))
            .collect()
    }))
}

/// Keys of a classification `report` that are summaries, not classes.
pub const REPORT_AGGREGATES: [&str; 4] = ["accuracy", "macro avg", "weighted avg", "micro avg"];

/// The `support` of one class entry of a report (`None` if absent or not a number).
struct Support(Option<f64>);
impl<'de> Deserialize<'de> for Support {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Entry {
            #[serde(default, deserialize_with = "opt_f64")]
            support: Option<f64>,
        }
        let entry: Lenient<Entry> = Lenient::deserialize(d)?;
        Ok(Support(entry.0.and_then(|e| e.support)))
    }
}

/// A classification `report` reduced to what labels a confusion matrix: its class names in
/// the order received and each one's `support`; summary keys are skipped unread.
pub fn opt_class_report<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<ClassSupports>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Option<ClassSupports>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a classification report")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut classes = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if REPORT_AGGREGATES.contains(&key.as_str()) {
                    map.next_value::<IgnoredAny>()?;
                } else {
                    classes.push((key, map.next_value::<Support>()?.0));
                }
            }
            Ok(Some(classes))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(V)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            ScalarVisitor.visit_seq(seq).map(|_| None)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A list kept as the raw JSON text of each item (borrowed from the response), for reading
/// items only when their text changed. A non-list counts as absent; items that are not
/// objects are dropped and counted, as [`LenientVec`] does.
#[derive(Debug, Default)]
pub struct RawList<'a> {
    pub items: Vec<&'a serde_json::value::RawValue>,
    pub dropped: usize,
    pub present: bool,
}

impl<'de: 'a, 'a> Deserialize<'de> for RawList<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawList<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawList<'a>, A::Error> {
                let mut out = RawList {
                    items: Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096)),
                    dropped: 0,
                    present: true,
                };
                while let Some(raw) = seq.next_element::<&'a serde_json::value::RawValue>()? {
                    if raw.get().starts_with('{') {
                        out.items.push(raw);
                    } else {
                        out.dropped += 1;
                    }
                }
                Ok(out)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawList<'a>, A::Error> {
                ScalarVisitor.visit_map(map).map(|_| RawList::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawList<'a>, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_none<E>(self) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_unit<E>(self) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<RawList<'a>, E> {
                Ok(RawList::default())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}
