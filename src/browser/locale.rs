//! The reader's number, money and date formats, read from the browser's `Intl` (the locale the
//! browser reports, or the one chosen in the settings) into a `format::Style` once per choice;
//! every value is then formatted in Rust, in the page, from that style. And the header's selects.

use crate::state::{Numbers, Workbench};
use js_sys::{Array, Date, Intl, Object, Reflect};
use leptos::prelude::*;
use northstar_metrics::format::{Currency, Style};
use northstar_view::settings::LocaleChoice;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, which throws on a malformed tag (js-sys's binding does not catch).
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(tag: &JsValue) -> Result<Array, JsValue>;
}

/// The locales to ask `Intl` for: the chosen tag when it is a well-formed one, else none (the
/// browser's own).
fn locales(tag: &str) -> Array {
    let out = Array::new();
    if !tag.is_empty() {
        if let Ok(canonical) = canonical_locales(&JsValue::from_str(tag)) {
            if let Some(t) = canonical.get(0).as_string() {
                out.push(&JsValue::from_str(&t));
            }
        }
    }
    out
}

/// `Intl` options from pairs.
fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// A `formatToParts` result as (type, value) pairs.
fn parts(list: Array) -> Vec<(String, String)> {
    let field = |p: &JsValue, k: &str| Reflect::get(p, &JsValue::from_str(k)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    list.iter().map(|p| (field(&p, "type"), field(&p, "value"))).collect()
}

/// The locale the browser resolves `tag` to ("de-DE"), for the select's caption.
pub fn resolved(tag: &str) -> String {
    let nf = Intl::NumberFormat::new(&locales(tag), &Object::new());
    Reflect::get(&nf.resolved_options(), &JsValue::from_str("locale")).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// The style of `choice`: separators and grouping from how the locale writes 10,000,000.5; the
/// currency's symbol and side from how it writes 1,234.50 of that currency; the date's order and
/// separator from how it writes 2024-03-09 with two-digit months and days.
pub fn style_of(choice: &LocaleChoice) -> Style {
    let locales = locales(&choice.tag);
    let mut style = Style::default();
    let number = parts(Intl::NumberFormat::new(&locales, &Object::new()).format_to_parts(10_000_000.5));
    let integers: Vec<usize> = number.iter().filter(|(t, _)| t == "integer").map(|(_, v)| v.chars().count()).collect();
    style.indian = integers == [1, 2, 2, 3];
    style.group = number.iter().find(|(t, _)| t == "group").map(|(_, v)| v.clone()).unwrap_or_default();
    if let Some((_, d)) = number.iter().find(|(t, _)| t == "decimal") {
        style.decimal = d.clone();
    }
    // A well-formed code never makes Intl throw (an unknown one is shown as the code).
    let code = choice.currency.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        let money = parts(Intl::NumberFormat::new(&locales, &options(&[("style", "currency"), ("currency", &code)])).format_to_parts(1234.5));
        let symbol = money.iter().position(|(t, _)| t == "currency");
        let first_digit = money.iter().position(|(t, _)| t == "integer");
        if let (Some(s), Some(i)) = (symbol, first_digit) {
            let between = |a: usize, b: usize| money[a + 1..b].iter().filter(|(t, _)| t == "literal").map(|(_, v)| v.as_str()).collect::<String>();
            let last_digit = money.iter().rposition(|(t, _)| matches!(t.as_str(), "integer" | "fraction")).unwrap_or(i);
            style.currency = Some(Currency { symbol: money[s].1.clone(), before: s < i, gap: if s < i { between(s, i) } else { between(last_digit, s) } });
        }
    }
    let date = Intl::DateTimeFormat::new(&locales, &options(&[("year", "numeric"), ("month", "2-digit"), ("day", "2-digit"), ("timeZone", "UTC")]));
    let day = parts(date.format_to_parts(&Date::new(&JsValue::from_f64(Date::utc(2024.0, 2.0) + 8.0 * 86_400_000.0))));
    let order: Vec<char> = day
        .iter()
        .filter_map(|(t, _)| match t.as_str() {
            "year" => Some('y'),
            "month" => Some('m'),
            "day" => Some('d'),
            _ => None,
        })
        .collect();
    if let Ok(order) = <[char; 3]>::try_from(order) {
        style.date_order = order;
        style.date_separator = day.iter().find(|(t, _)| t == "literal").map(|(_, v)| v.clone()).unwrap_or_else(|| "-".into());
    }
    style
}

/// Provides the number style for the page: the settings' choice, read through `Intl` only when
/// that choice changes (not on every other setting's change).
pub fn provide_numbers(wb: Workbench) {
    let choice = Memo::new(move |_| wb.settings.with(|s| s.locale.clone()));
    let style = Memo::new(move |_| choice.with(style_of));
    provide_context(Numbers(style));
}

/// The header's choices of number format and currency symbol.
#[component]
pub fn LocaleSelect(wb: Workbench) -> impl IntoView {
    let browser = resolved("");
    let set = move |f: fn(&mut LocaleChoice, String)| {
        move |ev| {
            let v = event_target_value(&ev);
            wb.update_settings(|s| f(&mut s.locale, v));
        }
    };
    view! {
        <label class="theme-select">
            <span class="visually-hidden">"Number and date format"</span>
            <select data-setting="locale" aria-label="Number and date format" on:change=set(|l, v| l.tag = v)>
                <option value="" selected=move || wb.settings.with(|s| s.locale.tag.is_empty())>{format!("Numbers: browser ({browser})")}</option>
                {LocaleChoice::TAGS.into_iter().map(|t| view! {
                    <option value=t selected=move || wb.settings.with(|s| s.locale.tag == t)>{format!("Numbers: {t}")}</option>
                }).collect_view()}
            </select>
        </label>
        <label class="theme-select">
            <span class="visually-hidden">"Currency symbol"</span>
            <select data-setting="currency" aria-label="Currency symbol for money" on:change=set(|l, v| l.currency = v)>
                <option value="" selected=move || wb.settings.with(|s| s.locale.currency.is_empty())>"Money: no symbol"</option>
                {LocaleChoice::CURRENCIES.into_iter().map(|c| view! {
                    <option value=c selected=move || wb.settings.with(|s| s.locale.currency == c)>{format!("Money: {c}")}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
