//! Budget absorption and the efficiency analyses of the reference report (domain.md §4).

use crate::number::{percent_of, round};
use crate::rules::EfficiencyBasis;
use rust_decimal::Decimal;

/// `serapan = realisasi / pagu × 100`; `None` without a pagu.
pub fn serapan(pagu: Decimal, realisasi: Decimal) -> Option<Decimal> {
    percent_of(realisasi, pagu)
}

/// `SILPA = pagu − realisasi`.
pub fn silpa(pagu: Decimal, realisasi: Decimal) -> Decimal {
    pagu - realisasi
}

/// `ketersediaan = tersedia / kebutuhan × 100`; `None` when nothing is needed.
pub fn ketersediaan(available: Decimal, need: Decimal) -> Option<Decimal> {
    percent_of(available, need)
}

/// `efisiensi = capaian% − input%` (input is serapan or ketersediaan), on the basis the rules name.
pub fn efficiency(basis: EfficiencyBasis, capaian: Decimal, input_percent: Decimal) -> Decimal {
    match basis {
        EfficiencyBasis::Exact => capaian - input_percent,
        EfficiencyBasis::Displayed {
            capaian_decimals,
            percent_decimals,
        } => round(capaian, capaian_decimals) - round(input_percent, percent_decimals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::d;

    #[test]
    fn budget_figures() {
        assert_eq!(
            round(serapan(d("3063438646"), d("2936629428")).unwrap(), 2),
            d("95.86")
        );
        assert_eq!(
            round(serapan(d("2877788646"), d("2750979428")).unwrap(), 2),
            d("95.59")
        );
        assert_eq!(serapan(Decimal::ZERO, d("5")), None);
        assert_eq!(silpa(d("3063438646"), d("2936629428")), d("126809218"));
        assert_eq!(silpa(d("10"), d("12")), d("-2"));
    }

    #[test]
    fn efficiency_on_both_bases() {
        let k = ketersediaan(d("8"), d("22")).unwrap();
        assert_eq!(round(k, 2), d("36.36"));
        let capaian = d("8.54") / d("8.22") * Decimal::ONE_HUNDRED;
        assert_eq!(
            round(efficiency(EfficiencyBasis::Exact, capaian, k), 2),
            d("67.53")
        );
        let shown = EfficiencyBasis::Displayed {
            capaian_decimals: 1,
            percent_decimals: 2,
        };
        assert_eq!(efficiency(shown, capaian, k), d("67.54"));
        assert_eq!(ketersediaan(d("3"), Decimal::ZERO), None);
    }
}
