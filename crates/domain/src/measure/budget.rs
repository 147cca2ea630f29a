//! Tabel 3.10–3.13: pagu, spending, serapan and SILPA of the budget tree, per sasaran and per program, and the
//! number of programs, kegiatan, sub kegiatan and indicators.

use super::indicator::{Average, IndicatorResult, Measurer};
use crate::calc::resources::{serapan, silpa};
use crate::model::*;
use crate::number::percent_of;
use rust_decimal::Decimal;
use serde::Serialize;

/// Pagu and spending of one budget holder (a node, a sasaran, the unit).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    pub pagu: Option<Decimal>,
    pub spending: Option<Decimal>,
    pub serapan: Option<Decimal>,
    pub silpa: Option<Decimal>,
}

impl Money {
    fn new(pagu: Option<Decimal>, spending: Option<Decimal>) -> Money {
        let (serapan, silpa) = match (pagu, spending) {
            (Some(p), Some(s)) => (serapan(p, s), Some(silpa(p, s))),
            _ => (None, None),
        };
        Money {
            pagu,
            spending,
            serapan,
            silpa,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetRow {
    pub level: Level,
    pub id: String,
    pub name: String,
    /// The node's own figures where recorded, else the sum of its parts.
    pub money: Money,
    /// The sum of its parts, where it has parts with figures; differs from `money` when a recorded total
    /// disagrees with its parts.
    pub parts_pagu: Option<Decimal>,
    pub parts_spending: Option<Decimal>,
    pub indicators: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SasaranBudget {
    pub sasaran: String,
    pub text: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
    pub money: Money,
    /// Share of the unit's pagu, in percent.
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramBudget {
    pub program: String,
    pub name: String,
    pub indicators: Vec<String>,
    pub capaian: Average,
    pub money: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetSection {
    pub tree: Vec<BudgetRow>,
    pub by_sasaran: Vec<SasaranBudget>,
    pub by_program: Vec<ProgramBudget>,
    pub total: Money,
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub programs: usize,
    pub kegiatan: usize,
    pub sub_kegiatan: usize,
    pub indicators: usize,
}

/// (pagu, spending) of a budget holder, each unknown when not recorded.
type Amounts = (Option<Decimal>, Option<Decimal>);

impl<'a> Measurer<'a> {
    fn own_pagu(&self, node: &str) -> Option<Decimal> {
        self.data
            .pagu
            .iter()
            .filter(|p| p.node == node && p.year == self.year)
            .max_by_key(|p| p.revision)
            .map(|p| p.amount)
    }

    fn own_spending(&self, node: &str) -> Option<Decimal> {
        let amounts: Vec<Decimal> = self
            .data
            .spending
            .iter()
            .filter(|s| s.node == node && s.year == self.year)
            .map(|s| s.amount)
            .collect();
        if amounts.is_empty() {
            None
        } else {
            Some(amounts.iter().copied().sum())
        }
    }

    fn children(&self, level: Level, node: &str) -> Vec<(Level, &'a str)> {
        match level {
            Level::Program => self
                .kegiatan_of(node)
                .into_iter()
                .map(|k| (Level::Kegiatan, k.id.as_str()))
                .collect(),
            Level::Kegiatan => self
                .sub_kegiatan_of(node)
                .into_iter()
                .map(|s| (Level::SubKegiatan, s.id.as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// (pagu, spending) of a node: its own figures where recorded, else the sum of its parts (known only when
    /// every part is known).
    fn node_money(&self, level: Level, node: &str) -> Amounts {
        let (parts_pagu, parts_spending) = self.parts_money(level, node);
        (
            self.own_pagu(node).or(parts_pagu),
            self.own_spending(node).or(parts_spending),
        )
    }

    fn parts_money(&self, level: Level, node: &str) -> Amounts {
        let children = self.children(level, node);
        if children.is_empty() {
            return (None, None);
        }
        let sums: Vec<Amounts> = children
            .iter()
            .map(|(l, id)| self.node_money(*l, id))
            .collect();
        let total = |pick: fn(&Amounts) -> Option<Decimal>| -> Option<Decimal> {
            sums.iter().map(pick).sum::<Option<Decimal>>()
        };
        (total(|s| s.0), total(|s| s.1))
    }

    pub(super) fn budget(&self) -> BudgetSection {
        let programs = self.unit_programs();
        let program_money: Vec<Amounts> = programs
            .iter()
            .map(|p| self.node_money(Level::Program, &p.id))
            .collect();
        let total_pagu: Option<Decimal> = program_money.iter().map(|m| m.0).sum();
        let total_spending: Option<Decimal> = program_money.iter().map(|m| m.1).sum();
        BudgetSection {
            tree: self.budget_tree(),
            by_sasaran: self.sasaran_budgets(&programs, &program_money, total_pagu),
            by_program: self.program_budgets(&programs, &program_money),
            total: Money::new(total_pagu, total_spending),
            counts: self.counts(),
        }
    }

    /// Every node of the cascade with its figures and the sum of its parts.
    fn budget_tree(&self) -> Vec<BudgetRow> {
        self.nodes()
            .into_iter()
            .map(|(level, id, name, _)| {
                let (pagu, spending) = self.node_money(level, id);
                let (parts_pagu, parts_spending) = self.parts_money(level, id);
                BudgetRow {
                    level,
                    id: id.to_string(),
                    name: name.to_string(),
                    money: Money::new(pagu, spending),
                    parts_pagu,
                    parts_spending,
                    indicators: self
                        .data
                        .indicators
                        .iter()
                        .filter(|i| i.level == level && i.owner == id)
                        .map(|i| i.id.clone())
                        .collect(),
                }
            })
            .collect()
    }

    /// Per sasaran, the money of its programs, the capaian of its IKU and its share of the unit's pagu.
    fn sasaran_budgets(
        &self,
        programs: &[&Program],
        program_money: &[Amounts],
        total_pagu: Option<Decimal>,
    ) -> Vec<SasaranBudget> {
        let iku = self.iku_results();
        self.unit_sasaran()
            .into_iter()
            .map(|s| {
                let money: Vec<&Amounts> = programs
                    .iter()
                    .zip(program_money)
                    .filter(|(p, _)| p.sasaran == s.id)
                    .map(|(_, m)| m)
                    .collect();
                let pagu: Option<Decimal> = money.iter().map(|m| m.0).sum();
                let spending: Option<Decimal> = money.iter().map(|m| m.1).sum();
                let own: Vec<IndicatorResult> =
                    iku.iter().filter(|r| r.owner == s.id).cloned().collect();
                SasaranBudget {
                    sasaran: s.id.clone(),
                    text: s.text.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                    share: match (pagu, total_pagu) {
                        (Some(p), Some(t)) => percent_of(p, t),
                        _ => None,
                    },
                    money: Money::new(pagu, spending),
                }
            })
            .collect()
    }

    fn program_budgets(
        &self,
        programs: &[&Program],
        program_money: &[Amounts],
    ) -> Vec<ProgramBudget> {
        programs
            .iter()
            .zip(program_money)
            .map(|(p, m)| {
                let own = self.node_indicators(Level::Program, &p.id);
                ProgramBudget {
                    program: p.id.clone(),
                    name: p.name.clone(),
                    indicators: own.iter().map(|r| r.id.clone()).collect(),
                    capaian: self.average(&own),
                    money: Money::new(m.0, m.1),
                }
            })
            .collect()
    }

    fn counts(&self) -> Counts {
        let nodes = self.nodes();
        let count = |level: Level| nodes.iter().filter(|n| n.0 == level).count();
        let indicators = self
            .data
            .indicators
            .iter()
            .filter(|i| self.data.unit_of_indicator(i) == Some(self.unit))
            .count();
        Counts {
            programs: count(Level::Program),
            kegiatan: count(Level::Kegiatan),
            sub_kegiatan: count(Level::SubKegiatan),
            indicators,
        }
    }
}
