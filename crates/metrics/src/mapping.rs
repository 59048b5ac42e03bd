//! What every source's column mapping shares: roles that name one column each, and roles that take
//! any number of columns (`segment` for most sources, a survey's `nps`/`csat`/`ces` questions). A
//! mapping only says where its slots are; setting, finding and clearing roles is written once, here.

pub trait RoleMapping: Clone {
    /// The roles, in the order the UI lists them.
    fn roles() -> &'static [&'static str];
    /// The vendor profile (`crate::profile`) the guess used, if any: its status words, amount
    /// unit and date order apply when the file is read.
    fn profile(&self) -> Option<&str>;
    fn set_profile(&mut self, id: Option<String>);
    /// The slot of a single-column role.
    fn slot(&mut self, role: &str) -> Option<&mut Option<String>>;
    /// The columns of a multi-column role (`segment`, …); none for a single-column role.
    fn columns(&mut self, _role: &str) -> Option<&mut Vec<String>> {
        None
    }

    /// The role takes any number of columns.
    fn is_multi(&self, role: &str) -> bool {
        self.clone().columns(role).is_some()
    }

    /// Sets a role to a column (`None` clears it); a multi-column role adds the column (`None`
    /// clears them all).
    fn set(&mut self, role: &str, column: Option<String>) -> bool {
        if let Some(columns) = self.columns(role) {
            match column {
                Some(c) if !columns.contains(&c) => columns.push(c),
                Some(_) => {}
                None => columns.clear(),
            }
            return true;
        }
        match self.slot(role) {
            Some(slot) => {
                *slot = column;
                true
            }
            None => false,
        }
    }

    /// The role a column plays, if any.
    fn role_of(&self, column: &str) -> Option<&'static str> {
        let mut copy = self.clone();
        Self::roles().iter().copied().find(|r| match copy.columns(r) {
            Some(columns) => columns.iter().any(|c| c == column),
            None => copy.slot(r).is_some_and(|s| s.as_deref() == Some(column)),
        })
    }

    /// The column of a single-column role, if set.
    fn column(&self, role: &str) -> Option<&str>;

    /// Removes a column from whatever role it has.
    fn clear_column(&mut self, column: &str) {
        for r in Self::roles() {
            if let Some(columns) = self.columns(r) {
                columns.retain(|c| c != column);
            } else if let Some(slot) = self.slot(r) {
                if slot.as_deref() == Some(column) {
                    *slot = None;
                }
            }
        }
    }

    /// Gives `column` the role `role` ("" for none), taking it from any other role first. A
    /// single-column role leaves the column it had; a multi-column role keeps its others.
    fn assign(&mut self, column: &str, role: &str) {
        self.clear_column(column);
        if !role.is_empty() {
            if !self.is_multi(role) {
                self.set(role, None);
            }
            self.set(role, Some(column.to_string()));
        }
    }
}

/// Declares a source's mapping: `ROLES` (its single-column roles in the order the UI lists them,
/// then "segment" when it has segment columns), the struct with one `Option<String>` per role
/// (and `segment: Vec<String>`), and its [`RoleMapping`] impl. Field names are the role names, so
/// saved mappings and `--map SOURCE.ROLE=COLUMN` use the same words.
#[macro_export]
macro_rules! role_mapping {
    ($(#[$doc:meta])* $name:ident { $($role:ident),+ $(,)? }) => {
        $crate::role_mapping!(@roles [$(stringify!($role)),+]);
        $crate::role_mapping!(@struct $(#[$doc])* $name { $($role),+ } {});
        $crate::role_mapping!(@impl $name { $($role),+ } {});
    };
    ($(#[$doc:meta])* $name:ident { $($role:ident),+ $(,)? } + segments) => {
        $crate::role_mapping!(@roles [$(stringify!($role)),+, "segment"]);
        $crate::role_mapping!(@struct $(#[$doc])* $name { $($role),+ } { pub segment: Vec<String>, });
        $crate::role_mapping!(@impl $name { $($role),+ } {
            fn columns(&mut self, role: &str) -> Option<&mut Vec<String>> {
                (role == "segment").then_some(&mut self.segment)
            }
        });
    };
    (@roles [$($role:expr),+]) => {
        pub const ROLES: &[&str] = &[$($role),+];
    };
    (@struct $(#[$doc:meta])* $name:ident { $($role:ident),+ } { $($extra:tt)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(pub $role: Option<String>,)+
            $($extra)*
            /// The vendor profile the guess used, if any.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub profile: Option<String>,
        }
    };
    (@impl $name:ident { $($role:ident),+ } { $($extra:tt)* }) => {
        impl $crate::mapping::RoleMapping for $name {
            fn roles() -> &'static [&'static str] {
                ROLES
            }
            fn profile(&self) -> Option<&str> {
                self.profile.as_deref()
            }
            fn set_profile(&mut self, id: Option<String>) {
                self.profile = id;
            }
            fn slot(&mut self, role: &str) -> Option<&mut Option<String>> {
                match role {
                    $(stringify!($role) => Some(&mut self.$role),)+
                    _ => None,
                }
            }
            fn column(&self, role: &str) -> Option<&str> {
                match role {
                    $(stringify!($role) => self.$role.as_deref(),)+
                    _ => None,
                }
            }
            $($extra)*
        }
    };
}

/// Reads a multi-column role saved as a list, as one column (the form a single-column role was
/// saved in before it took several), or as null.
pub fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Stored {
        One(String),
        Many(Vec<String>),
    }
    Ok(match <Option<Stored> as serde::Deserialize>::deserialize(d)? {
        None => Vec::new(),
        Some(Stored::One(c)) => vec![c],
        Some(Stored::Many(v)) => v,
    })
}
