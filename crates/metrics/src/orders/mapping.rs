//! Column roles of the `orders` source and their inference from the headers of Shopify orders
//! exports, Stripe payments exports, WooCommerce orders exports, invoice lines (UCI Online Retail)
//! and plain `order_id, customer_id, date, amount` lists.
//!
//! Roles: `id` (order, invoice or payment id), `customer`, `date`, `amount` (the order or line
//! total), `quantity` and `unit_price` (a line's amount is quantity × unit price when there is no
//! amount column), `status`, `currency`, `refunded` (an amount refunded of a kept order: Stripe's
//! "Amount Refunded", Shopify's "Refunded Amount"), and any number of `segment` columns.

use crate::ingest::headers::{matches_word, ColumnPicker, CUSTOMER_DE_FR_ES};
use crate::ingest::Sniff;
pub use crate::mapping::RoleMapping;
use serde::Serialize;

crate::role_mapping!(
    /// Where the order columns are.
    OrdersMapping { id, customer, date, amount, quantity, unit_price, status, currency, refunded } + segments
);

/// The row layout, recognised from the header (a vendor's export is a profile: `profiles/*.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Lines with quantity × unit price grouped by invoice; invoices starting with "C" cancel.
    InvoiceLines,
    /// One row per order or payment (or per line item, the order's fields on its first line).
    #[default]
    Plain,
}

impl Shape {
    pub fn label(self) -> &'static str {
        match self {
            Shape::InvoiceLines => "invoice lines (quantity × unit price)",
            Shape::Plain => "one row per order",
        }
    }
}

fn has(names: &[String], words: &[&str]) -> bool {
    names.iter().any(|n| matches_word(n, words))
}

/// Recognises the row layout from its column names.
pub fn detect_shape(names: &[String]) -> Shape {
    if !has(names, AMOUNT) && has(names, QUANTITY) && has(names, UNIT_PRICE) {
        Shape::InvoiceLines
    } else {
        Shape::Plain
    }
}

const ID: &[&str] = &[
    "order id",
    "order number",
    "order no",
    "order",
    "order #",
    "invoiceno",
    "invoice no",
    "invoice number",
    "invoice id",
    "invoice",
    "transaction id",
    "payment id",
    "charge id",
    "orderid",
    "id",
    "order name",
    // German, French, Spanish.
    "bestellung",
    "bestellnummer",
    "bestell nr",
    "bestellnr",
    "bestell id",
    "auftrag",
    "auftragsnummer",
    "rechnungsnummer",
    "rechnung",
    "rechnungs nr",
    "transaktions id",
    "zahlungs id",
    "commande",
    "n° de commande",
    "n° commande",
    "numéro de commande",
    "id commande",
    "id de commande",
    "référence commande",
    "facture",
    "n° de facture",
    "numéro de facture",
    "id de transaction",
    "pedido",
    "n° de pedido",
    "número de pedido",
    "id de pedido",
    "id pedido",
    "orden",
    "número de orden",
    "factura",
    "n° de factura",
    "número de factura",
    "id de transacción",
];
const CUSTOMER: &[&str] = &[
    "customer id",
    "customerid",
    "customer",
    "client id",
    "client",
    "buyer",
    "customer email",
    "billing email",
    "email (billing)",
    "email",
    "customer user id",
    "user id",
    "account id",
    "account",
];
/// Words for a buyer, after the shared ones.
const BUYER: &[&str] = &["käufer", "acheteur", "comprador"];
const DATE: &[&str] = &[
    "order date",
    "date",
    "invoicedate",
    "invoice date",
    "created at",
    "created",
    "created date",
    "order created",
    "date created",
    "paid at",
    "transaction date",
    "purchase date",
    "timestamp",
    "time",
    // German, French, Spanish.
    "datum",
    "bestelldatum",
    "auftragsdatum",
    "rechnungsdatum",
    "erstellt am",
    "erstellt",
    "erstellungsdatum",
    "bezahlt am",
    "zahlungsdatum",
    "kaufdatum",
    "transaktionsdatum",
    "zeitstempel",
    "zeit",
    "date de commande",
    "date de la commande",
    "date de facture",
    "date de création",
    "créé le",
    "payé le",
    "date de paiement",
    "date d'achat",
    "date de transaction",
    "horodatage",
    "fecha",
    "fecha de pedido",
    "fecha del pedido",
    "fecha de factura",
    "fecha de creación",
    "creado",
    "creado el",
    "pagado el",
    "fecha de pago",
    "fecha de compra",
    "fecha de transacción",
    "marca de tiempo",
    "hora",
];
const AMOUNT: &[&str] = &[
    "amount",
    "total",
    "amount in cents",
    "amount cents",
    "total in cents",
    "total cents",
    "order total",
    "order total amount",
    "order amount",
    "total amount",
    "revenue",
    "sales",
    "order value",
    "value",
    "grand total",
    "amount paid",
    "net amount",
    // German, French, Spanish.
    "betrag",
    "summe",
    "gesamt",
    "gesamtbetrag",
    "gesamtsumme",
    "bestellwert",
    "bestellsumme",
    "umsatz",
    "wert",
    "endbetrag",
    "rechnungsbetrag",
    "bezahlter betrag",
    "nettobetrag",
    "bruttobetrag",
    "montant",
    "montant total",
    "total commande",
    "montant de la commande",
    "chiffre d'affaires",
    "ventes",
    "valeur",
    "montant payé",
    "montant net",
    "somme",
    "importe",
    "monto",
    "importe total",
    "monto total",
    "total del pedido",
    "importe del pedido",
    "ingresos",
    "ventas",
    "valor",
    "importe pagado",
    "importe neto",
    "suma",
];
const QUANTITY: &[&str] = &[
    "quantity",
    "qty",
    "lineitem quantity",
    "item quantity",
    "units",
    "quantity ordered",
    // German, French, Spanish.
    "menge",
    "anzahl",
    "stückzahl",
    "stück",
    "quantité",
    "qté",
    "cantidad",
    "unidades",
    "uds",
];
const UNIT_PRICE: &[&str] = &[
    "unitprice",
    "unit price",
    "lineitem price",
    "item price",
    "price each",
    "price",
    "unit cost",
    "price per unit",
    // German, French, Spanish.
    "einzelpreis",
    "stückpreis",
    "preis",
    "preis pro stück",
    "prix unitaire",
    "prix",
    "prix à l'unité",
    "precio unitario",
    "precio",
    "precio por unidad",
];
const STATUS: &[&str] = &[
    "financial status",
    "order status",
    "status",
    "payment status",
    "state",
    "transaction status",
    // German, French, Spanish.
    "bestellstatus",
    "zahlungsstatus",
    "zustand",
    "statut",
    "statut de la commande",
    "statut du paiement",
    "état",
    "estado",
    "estado del pedido",
    "estado del pago",
];
const CURRENCY: &[&str] = &[
    "currency",
    "currency code",
    "order currency",
    "presentment currency",
    // German, French, Spanish.
    "währung",
    "devise",
    "monnaie",
    "moneda",
    "divisa",
];
const REFUNDED: &[&str] = &[
    "amount refunded",
    "refunded amount",
    "total refunded",
    "refunded",
    "refund amount",
    "order refund amount",
    // German, French, Spanish.
    "erstattet",
    "erstatteter betrag",
    "rückerstattet",
    "rückerstattung",
    "erstattungsbetrag",
    "remboursé",
    "montant remboursé",
    "remboursement",
    "reembolsado",
    "importe reembolsado",
    "monto reembolsado",
    "reembolso",
];
const SEGMENT: &[&str] = &[
    "country",
    "billing country",
    "shipping country",
    "country code",
    "channel",
    "sales channel",
    "source",
    "source name",
    "region",
    "segment",
    "market",
    "created via",
    "customer type",
    "store",
    // German, French, Spanish.
    "land",
    "rechnungsland",
    "lieferland",
    "kanal",
    "verkaufskanal",
    "quelle",
    "markt",
    "kundentyp",
    "shop",
    "pays",
    "pays de facturation",
    "pays de livraison",
    "canal",
    "canal de vente",
    "région",
    "marché",
    "type de client",
    "boutique",
    "país",
    "país de facturación",
    "país de envío",
    "canal de venta",
    "origen",
    "mercado",
    "tipo de cliente",
    "tienda",
];

/// The header words `role` is guessed from (for saying why a column has its role).
pub fn synonyms(role: &str) -> &'static [&'static str] {
    match role {
        "id" => ID,
        "customer" => CUSTOMER,
        "date" => DATE,
        "amount" => AMOUNT,
        "quantity" => QUANTITY,
        "unit_price" => UNIT_PRICE,
        "status" => STATUS,
        "currency" => CURRENCY,
        "refunded" => REFUNDED,
        "segment" => SEGMENT,
        _ => &[],
    }
}
/// Guesses the mapping of an orders file from its header.
pub fn infer_orders_mapping(sniff: &Sniff) -> OrdersMapping {
    let names = sniff.column_names();
    let mut p = ColumnPicker::new(names);
    let mut m = OrdersMapping::default();
    m.refunded = m.refunded.take().or_else(|| p.pick(REFUNDED));
    m.id = m.id.take().or_else(|| p.pick(ID));
    m.customer = m.customer.take().or_else(|| p.pick_in(&[CUSTOMER, CUSTOMER_DE_FR_ES, BUYER]));
    m.date = m.date.take().or_else(|| p.pick(DATE));
    m.amount = m.amount.take().or_else(|| p.pick(AMOUNT));
    m.quantity = p.pick(QUANTITY);
    m.unit_price = p.pick(UNIT_PRICE);
    m.status = p.pick(STATUS);
    m.currency = p.pick(CURRENCY);
    let segments: Vec<String> = p.free().filter(|(_, n)| matches_word(n, SEGMENT)).map(|(_, n)| n.clone()).collect();
    m.segment = segments;
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;

    fn infer(header: &str) -> (OrdersMapping, Shape) {
        let s = sniff(header.as_bytes());
        (infer_orders_mapping(&s), detect_shape(&s.column_names()))
    }

    /// The mapping as every reader starts from it: header synonyms, the person key's values, then
    /// the vendor profile the header matches.
    fn guess(header: &str) -> OrdersMapping {
        crate::guess::guess::<super::super::Orders>(&sniff(header.as_bytes()))
    }

    #[test]
    fn maps_shopify_stripe_and_woocommerce_by_their_profiles() {
        let m = guess(
            "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Created at,Lineitem quantity,Lineitem name,Lineitem price,Refunded Amount,Billing Country,Source\n",
        );
        assert_eq!(m.profile.as_deref(), Some("shopify_orders"));
        assert_eq!(
            (m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount.as_deref(), m.status.as_deref()),
            (Some("Name"), Some("Email"), Some("Created at"), Some("Total"), Some("Financial Status"))
        );
        assert_eq!(m.refunded.as_deref(), Some("Refunded Amount"));
        let m = guess("id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Fee,Status,Customer ID,Customer Email\n");
        assert_eq!(m.profile.as_deref(), Some("stripe_payments"));
        assert_eq!(
            (m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount.as_deref(), m.refunded.as_deref(), m.status.as_deref()),
            (Some("id"), Some("Customer ID"), Some("Created (UTC)"), Some("Amount"), Some("Amount Refunded"), Some("Status"))
        );
        let m = guess("Order ID,Order Number,Order Date,Order Status,Customer User ID,Billing Email,Billing Country,Order Total,Order Currency\n");
        assert_eq!(m.profile.as_deref(), Some("woocommerce_orders"));
        assert_eq!(
            (m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount.as_deref(), m.status.as_deref(), m.currency.as_deref()),
            (Some("Order ID"), Some("Billing Email"), Some("Order Date"), Some("Order Total"), Some("Order Status"), Some("Order Currency"))
        );
        assert_eq!(m.segment, ["Billing Country"]);
    }

    #[test]
    fn maps_invoice_lines_and_plain_orders() {
        let (m, shape) = infer("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        assert_eq!(shape, Shape::InvoiceLines);
        assert_eq!(
            (m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount, m.quantity.as_deref(), m.unit_price.as_deref()),
            (Some("InvoiceNo"), Some("CustomerID"), Some("InvoiceDate"), None, Some("Quantity"), Some("UnitPrice"))
        );
        assert_eq!(m.segment, ["Country"]);
        let (m, shape) = infer("order_id,customer_id,date,amount\n");
        assert_eq!(shape, Shape::Plain);
        assert_eq!(
            (m.id.as_deref(), m.customer.as_deref(), m.date.as_deref(), m.amount.as_deref()),
            (Some("order_id"), Some("customer_id"), Some("date"), Some("amount"))
        );
    }
}
