//! The survey column mapping: a [`MappingTable`] over the survey roles.

use super::mapping_table::{column_rows, MappingTable};
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::RoleMapping;
use northstar_metrics::surveys::mapping::ROLES;

#[component]
pub fn MappingPanel(wb: Workbench) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let mapping = wb.mapping.get();
        wb.sniff.with(|s| column_rows(s, |c| mapping.role_of(c)))
    });
    view! {
        <MappingTable
            title="Survey column mapping"
            testid="surveys-mapping"
            roles=&ROLES
            rows=rows
            custom=wb.mapping_is_custom
            error=Signal::derive(move || wb.data.with(|d| d.as_ref().err().cloned()))
            on_change=move |(column, role): (String, String)| wb.set_role(&column, &role)
            on_reset=move |_| wb.reset_mapping()
        />
    }
}
