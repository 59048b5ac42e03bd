//! The survey file input: a [`FileDrop`] wired to the workbench.

use super::file_drop::FileDrop;
use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn SourceInput(wb: Workbench) -> impl IntoView {
    let summary = Signal::derive(move || {
        let (delimiter, rows, columns) = wb.sniff.with(|s| (s.delimiter_label(), s.header_rows, s.columns.len()));
        let read = wb.data.with(|d| match d {
            Ok(d) => format!(
                "{} rows, {} answers; {} rows and {} answers skipped; {} encoding",
                d.data_rows,
                d.answers.len(),
                d.skipped_rows,
                d.skipped_answers,
                d.encoding
            ),
            Err(_) => "not read: see the mapping".to_string(),
        });
        format!("{columns} columns, {delimiter}-separated, {rows} header row(s); {read}")
    });
    view! {
        <FileDrop
            title="Survey export"
            hint="Drop a CSV export here: Delighted, SurveyMonkey, Qualtrics, Typeform, or your own sheet."
            testid="surveys"
            on_file=move |(name, bytes)| wb.load(name, bytes)
            on_error=move |e| wb.load_error.set(Some(e))
            on_demo=move |_| wb.load_demo()
            file_name=Signal::derive(move || Some(wb.file.with(|f| f.name.clone())))
            is_demo=Signal::derive(move || wb.file.with(|f| f.is_demo))
            summary=summary
        />
    }
}
