//! ISO 4217 currency codes and money formatting.

/// Active ISO 4217 codes with their number of minor-unit digits.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// True for an active ISO 4217 code (upper case).
pub(crate) fn is_iso_4217(code: &str) -> bool {
    CURRENCIES.iter().any(|(c, _)| *c == code)
}

/// The closest valid code to a mistyped one (`usd` → `USD`, `USS` → `USD`).
pub(crate) fn suggest(code: &str) -> Option<&'static str> {
    let upper = code.to_ascii_uppercase();
    if let Some((c, _)) = CURRENCIES.iter().find(|(c, _)| *c == upper) {
        return Some(c);
    }
    crate::diagnostics::did_you_mean(&upper, CURRENCIES.iter().map(|(c, _)| *c))
}

fn minor_digits(code: &str) -> usize {
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(2, |(_, d)| usize::from(*d))
}

fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "AUD" => "A$",
        "CAD" => "CA$",
        "NZD" => "NZ$",
        _ => return None,
    })
}

/// Formats an amount for people in English: `$1,000`, `€1,250.50`, `PKR 150,000`. Whole
/// amounts drop their minor units; others show as many digits as the currency has.
pub fn format_money(amount: f64, code: &str) -> String {
    format_money_in(amount, code, "en")
}

/// [`format_money`] with the digits and grouping of `locale` (CLDR data).
pub(crate) fn format_money_in(amount: f64, code: &str, locale: &str) -> String {
    let digits = minor_digits(code);
    let scale = 10f64.powi(digits as i32);
    let minor = (amount * scale).round();
    let whole = (minor / scale).trunc();
    let frac = minor - whole * scale;
    // Written out from the float itself: an `as u64` cast would turn anything larger into
    // 18,446,744,073,709,551,615 without a word.
    let mut written = format!("{:.0}", whole.abs());
    if frac.abs() >= 0.5 && digits > 0 {
        written.push('.');
        written.push_str(&format!("{:0width$.0}", frac.abs(), width = digits));
    }
    let s = crate::i18n::with_formats(locale, |f| f.decimal(&written));
    match symbol(code) {
        Some(sym) => format!("{sym}{s}"),
        None => format!("{code}\u{a0}{s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(is_iso_4217("USD"));
        assert!(!is_iso_4217("usd"));
        assert!(!is_iso_4217("XYZ"));
        assert_eq!(suggest("usd"), Some("USD"));
        assert_eq!(suggest("USS"), Some("USD"));
    }

    #[test]
    fn money() {
        assert_eq!(format_money(1000.0, "USD"), "$1,000");
        assert_eq!(format_money(1250.5, "EUR"), "€1,250.50");
        assert_eq!(format_money(150000.0, "PKR"), "PKR\u{a0}150,000");
        assert_eq!(format_money(1500.0, "JPY"), "¥1,500");
        assert_eq!(format_money(0.0, "USD"), "$0");
    }

    #[test]
    fn amounts_take_the_locales_digits_and_grouping() {
        assert_eq!(
            format_money_in(150000.0, "PKR", "en-GB"),
            "PKR\u{a0}150,000"
        );
        assert_eq!(format_money_in(1250.5, "EUR", "de"), "€1.250,50");
        assert_eq!(format_money_in(4000.0, "USD", "ur-PK"), "$4,000");
    }

    #[test]
    fn large_amounts_are_written_as_they_are() {
        assert_eq!(
            format_money(9_007_199_254_740_992.0, "USD"),
            "$9,007,199,254,740,992"
        );
        assert_eq!(format_money(1e20, "JPY"), "¥100,000,000,000,000,000,000");
        assert_eq!(format_money(12.345, "KWD"), "KWD\u{a0}12.345");
        assert_eq!(format_money(0.05, "EUR"), "€0.05");
    }
}
