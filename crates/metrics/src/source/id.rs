//! The source kinds, listed once. [`for_each_source!`] hands the list to a macro of the caller's,
//! which is how everything per source is made without naming one: the [`SourceId`] enum here, the
//! catalog's `SOURCES` and KPI registry above the sources, and the app's settings, stores and
//! mirrors. Adding a source kind is its module and one line of this list.
//!
//! This file names the sources only as tokens handed on: it imports none of them, so the layer
//! below the sources stays below them.

/// Calls `$callback!` with every source kind, in the order their KPIs are computed and reported (a
/// source may use the KPIs of those before it: acquisition takes LTV from subscriptions or orders),
/// each as `Variant: id = path::to::Type`. Extra tokens in brackets come first:
/// `for_each_source!(my_macro [some tokens])` calls `my_macro! { [some tokens] Subscriptions: … }`.
#[macro_export]
macro_rules! for_each_source {
    ($callback:ident $([$($extra:tt)*])?) => {
        $callback! {
            $([$($extra)*])?
            Subscriptions: subscriptions = $crate::subscriptions::Subscriptions,
            Accounts: accounts = $crate::accounts::Accounts,
            Orders: orders = $crate::orders::Orders,
            Surveys: surveys = $crate::surveys::Surveys,
            Tickets: tickets = $crate::tickets::Tickets,
            Usage: usage = $crate::usage::Usage,
            Funnel: funnel = $crate::funnel::Funnel,
        }
    };
}

macro_rules! declare_source_id {
    ($($variant:ident: $id:ident = $kind:path,)+) => {
        /// A source kind. It reads and writes as its id (`"orders"`), the word of `--source
        /// orders=FILE`, of the JSON output, of the settings document and of share links.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum SourceId {
            $($variant,)+
        }

        impl SourceId {
            /// Every source kind, in the catalog's order.
            pub const ALL: &'static [SourceId] = &[$(SourceId::$variant,)+];

            /// The id: `orders`, `subscriptions`…
            pub const fn name(self) -> &'static str {
                match self {
                    $(SourceId::$variant => stringify!($id),)+
                }
            }
        }
    };
}

for_each_source!(declare_source_id);

impl SourceId {
    /// The source kind whose id is `name`, if any.
    pub fn from_name(name: &str) -> Option<SourceId> {
        SourceId::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// Its place in [`SourceId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for SourceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for SourceId {
    type Err = UnknownSource;
    fn from_str(s: &str) -> Result<SourceId, UnknownSource> {
        SourceId::from_name(s).ok_or_else(|| UnknownSource(s.to_string()))
    }
}

/// A word that names no source kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown source kind '{0}' (one of: {list})", list = SourceId::ALL.iter().map(|s| s.name()).collect::<Vec<_>>().join(", "))]
pub struct UnknownSource(pub String);

impl serde::Serialize for SourceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for SourceId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SourceId, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        SourceId::from_name(&name).ok_or_else(|| serde::de::Error::custom(UnknownSource(name.into_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::SourceId;

    #[test]
    fn reads_and_writes_as_todays_names() {
        let names: Vec<&str> = SourceId::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names, ["subscriptions", "accounts", "orders", "surveys", "tickets", "usage", "funnel"]);
        for &id in SourceId::ALL {
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.name()));
            assert_eq!(serde_json::from_str::<SourceId>(&json).unwrap(), id);
            assert_eq!(id.name().parse::<SourceId>(), Ok(id));
        }
        let map: std::collections::BTreeMap<SourceId, u8> = [(SourceId::Tickets, 1)].into();
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"tickets":1}"#);
        assert!(serde_json::from_str::<SourceId>("\"health\"").is_err());
        assert_eq!(
            "usage2".parse::<SourceId>().unwrap_err().to_string(),
            "unknown source kind 'usage2' (one of: subscriptions, accounts, orders, surveys, tickets, usage, funnel)"
        );
    }
}
