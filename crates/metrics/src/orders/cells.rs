//! Reading the cells of an order row that every export shape shares: what a status says about
//! the money (Shopify, Stripe and WooCommerce words), and amounts exact to the cent (a fast path
//! for plain decimals, rounded once, half away from zero).

use crate::parse::ParsedNumber;

/// What a status says about the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusClass {
    Paid,
    Refunded,
    Unpaid,
}

impl StatusClass {
    /// What a vendor profile's status class says about an order's money.
    pub fn of_profile(status: crate::profile::Status) -> Option<StatusClass> {
        use crate::profile::Status;
        match status {
            Status::Paid => Some(StatusClass::Paid),
            Status::Refunded => Some(StatusClass::Refunded),
            Status::Pending | Status::Churned => Some(StatusClass::Unpaid),
            Status::Active | Status::Trial => None,
        }
    }
}

/// Classifies an order status (Shopify financial status, Stripe status, WooCommerce order status
/// with or without "wc-", or its German, French or Spanish word with or without accents); `None`
/// for a status not known.
pub fn classify_status(text: &str) -> Option<StatusClass> {
    let t = crate::ingest::headers::fold_accents(&text.trim().to_lowercase()).replace([' ', '-'], "_");
    let t = t.strip_prefix("wc_").unwrap_or(&t);
    Some(match t {
        "paid"
        | "succeeded"
        | "successful"
        | "success"
        | "completed"
        | "complete"
        | "processing"
        | "fulfilled"
        | "partially_refunded"
        | "partially_paid"
        | "authorized"
        | "captured"
        | "shipped"
        | "delivered"
        | "closed"
        | "settled"
        | "approved"
        | "partially_fulfilled"
        | "unfulfilled"
        // German, French, Spanish.
        | "bezahlt"
        | "abgeschlossen"
        | "erledigt"
        | "versandt"
        | "versendet"
        | "geliefert"
        | "zugestellt"
        | "in_bearbeitung"
        | "teilweise_erstattet"
        | "paye"
        | "payee"
        | "termine"
        | "terminee"
        | "expedie"
        | "expediee"
        | "livre"
        | "livree"
        | "en_cours"
        | "partiellement_rembourse"
        | "pagado"
        | "pagada"
        | "completado"
        | "completada"
        | "enviado"
        | "enviada"
        | "entregado"
        | "entregada"
        | "en_proceso"
        | "procesando"
        | "parcialmente_reembolsado" => StatusClass::Paid,
        "refunded" | "refund" | "fully_refunded" | "returned" | "chargeback" | "charged_back" | "reversed" => StatusClass::Refunded,
        "erstattet" | "ruckerstattet" | "rueckerstattet" | "zuruckerstattet" | "retourniert" | "zuruckgegeben" | "rembourse" | "remboursee" | "retourne"
        | "reembolsado" | "reembolsada" | "devuelto" | "devuelta" => StatusClass::Refunded,
        "failed"
        | "voided"
        | "void"
        | "cancelled"
        | "canceled"
        | "pending"
        | "on_hold"
        | "draft"
        | "checkout_draft"
        | "declined"
        | "expired"
        | "abandoned"
        | "incomplete"
        | "requires_payment_method"
        | "unpaid"
        | "blocked"
        | "trash"
        // German, French, Spanish.
        | "storniert"
        | "abgebrochen"
        | "fehlgeschlagen"
        | "ausstehend"
        | "offen"
        | "unbezahlt"
        | "abgelehnt"
        | "entwurf"
        | "annule"
        | "annulee"
        | "echoue"
        | "echouee"
        | "en_attente"
        | "impaye"
        | "impayee"
        | "refuse"
        | "refusee"
        | "brouillon"
        | "cancelado"
        | "cancelada"
        | "fallido"
        | "fallida"
        | "pendiente"
        | "no_pagado"
        | "impagado"
        | "rechazado"
        | "rechazada"
        | "borrador" => StatusClass::Unpaid,
        _ => return None,
    })
}

/// A plain decimal ("12", "-3.5", "0.295") without grouping, symbols or spaces, as (mantissa,
/// scale); anything else goes to [`parse_number`].
#[inline]
pub(crate) fn plain_decimal(s: &str) -> Option<(i128, u32)> {
    let b = s.as_bytes();
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let (mut m, mut scale, mut dot, mut any) = (0i64, 0u32, false, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + (c - b'0') as i64;
                any = true;
                scale += dot as u32;
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if !any || (dot && scale == 0) {
        return None;
    }
    Some((if negative { -m as i128 } else { m as i128 }, scale))
}

/// Rounds `mantissa / 10^scale` to cents, once, half away from zero.
pub(crate) fn to_cents(mantissa: i128, scale: u32) -> Option<i64> {
    ParsedNumber { mantissa, scale, currency: None, percent: false }.cents()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_number, NumberStyle};

    #[test]
    fn classifies_german_french_and_spanish_statuses() {
        use StatusClass::*;
        for (text, class) in [
            ("bezahlt", Paid),
            ("Abgeschlossen", Paid),
            ("storniert", Unpaid),
            ("Rückerstattet", Refunded),
            ("payée", Paid),
            ("Expédiée", Paid),
            ("annulé", Unpaid),
            ("annule", Unpaid),
            ("En attente", Unpaid),
            ("Remboursé", Refunded),
            ("pagado", Paid),
            ("Entregado", Paid),
            ("cancelado", Unpaid),
            ("pendiente", Unpaid),
            ("reembolsado", Refunded),
        ] {
            assert_eq!(classify_status(text), Some(class), "{text}");
        }
        assert_eq!(classify_status("irgendwas"), None);
    }

    #[test]
    fn plain_decimals_agree_with_parse_number() {
        for s in ["12", "-3.5", "0.295", ".5", "2.55", "-0.001", "123456789012345678"] {
            let n = parse_number(s, NumberStyle::default()).unwrap();
            let (m, sc) = plain_decimal(s).unwrap();
            assert_eq!(m as f64 / 10f64.powi(sc as i32), n.value(), "{s}");
        }
        for s in ["", "-", ".", "5.", "1,234", "1.2.3", "$5", "1e5", "1234567890123456789"] {
            assert!(plain_decimal(s).is_none(), "{s}");
        }
        // Half away from zero, once per line: 3 × 0.295 = 0.885 → 0.89; −3 × 0.295 → −0.89.
        assert_eq!(to_cents(3 * 295, 3), Some(89));
        assert_eq!(to_cents(-3 * 295, 3), Some(-89));
        assert_eq!(to_cents(12 * 85, 2), Some(1020));
    }

    #[test]
    fn statuses_are_classified() {
        assert_eq!(classify_status("wc-completed"), Some(StatusClass::Paid));
        assert_eq!(classify_status("Partially Refunded"), Some(StatusClass::Paid));
        assert_eq!(classify_status("Refunded"), Some(StatusClass::Refunded));
        assert_eq!(classify_status("wc-on-hold"), Some(StatusClass::Unpaid));
        assert_eq!(classify_status("Failed"), Some(StatusClass::Unpaid));
        assert_eq!(classify_status("mystery"), None);
    }
}
