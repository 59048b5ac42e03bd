//! What every source's column mapping shares: roles that name one column each, and (for most
//! sources) any number of `segment` columns. A mapping only says where its slots are; setting,
//! finding and clearing roles is written once, here.

pub trait RoleMapping: Clone {
    /// The single-column roles, in the order the UI lists them (plus "segment" where supported).
    fn roles() -> &'static [&'static str];
    /// The slot of a single-column role.
    fn slot(&mut self, role: &str) -> Option<&mut Option<String>>;
    /// The segment columns, for sources that have them.
    fn segments(&mut self) -> Option<&mut Vec<String>> {
        None
    }

    /// Sets a role to a column (`None` clears it); `segment` adds a column (`None` clears them all).
    fn set(&mut self, role: &str, column: Option<String>) -> bool {
        if role == "segment" {
            let Some(segments) = self.segments() else { return false };
            match column {
                Some(c) if !segments.contains(&c) => segments.push(c),
                Some(_) => {}
                None => segments.clear(),
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
        if copy.segments().is_some_and(|s| s.iter().any(|c| c == column)) {
            return Some("segment");
        }
        Self::roles().iter().copied().find(|r| copy.slot(r).is_some_and(|s| s.as_deref() == Some(column)))
    }

    /// Removes a column from whatever role it has.
    fn clear_column(&mut self, column: &str) {
        if let Some(segments) = self.segments() {
            segments.retain(|c| c != column);
        }
        for r in Self::roles() {
            if let Some(slot) = self.slot(r) {
                if slot.as_deref() == Some(column) {
                    *slot = None;
                }
            }
        }
    }

    /// Gives `column` the role `role` ("" for none), taking it from any other role first.
    fn assign(&mut self, column: &str, role: &str) {
        self.clear_column(column);
        if !role.is_empty() {
            if role != "segment" {
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
            fn segments(&mut self) -> Option<&mut Vec<String>> {
                Some(&mut self.segment)
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
        }
    };
    (@impl $name:ident { $($role:ident),+ } { $($extra:tt)* }) => {
        impl $crate::mapping::RoleMapping for $name {
            fn roles() -> &'static [&'static str] {
                ROLES
            }
            fn slot(&mut self, role: &str) -> Option<&mut Option<String>> {
                match role {
                    $(stringify!($role) => Some(&mut self.$role),)+
                    _ => None,
                }
            }
            $($extra)*
        }
    };
}
