//! The one builder of `WHERE` clauses with numbered `$n` placeholders (the
//! form both SQLite and PostgreSQL take through sqlx's `Any` driver): each
//! condition is written with `?` where its value goes, and the builder
//! numbers them in order and binds the values in the same order.

use sqlx::any::{Any, AnyArguments};
use sqlx::query::{QueryAs, QueryScalar};

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Int(i64),
}

/// Conditions joined by `AND`, with their values.
#[derive(Debug, Clone, Default)]
pub struct Where {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    /// Starts with a condition that takes no value (or none at all).
    pub fn new(fixed: &str) -> Where {
        let mut w = Where::default();
        if !fixed.is_empty() {
            w.conditions.push(fixed.to_string());
        }
        w
    }

    fn push(&mut self, condition: &str, values: Vec<Value>) -> &mut Self {
        let mut sql = String::with_capacity(condition.len() + 8);
        let mut next = values.into_iter();
        let mut first_placeholder = None;
        for ch in condition.chars() {
            if ch == '?' {
                // Every `?` of a one-value condition is that value.
                match next.next() {
                    Some(v) => {
                        self.values.push(v);
                        let n = self.values.len();
                        first_placeholder.get_or_insert(n);
                        sql.push_str(&format!("${n}"));
                    }
                    None => sql.push_str(&format!("${}", first_placeholder.unwrap_or(0))),
                }
            } else {
                sql.push(ch);
            }
        }
        self.conditions.push(sql);
        self
    }

    /// Adds `condition` with one text value in place of each `?`.
    pub fn and(&mut self, condition: &str, value: impl Into<String>) -> &mut Self {
        self.push(condition, vec![Value::Text(value.into())])
    }

    /// Adds `condition` with one integer value in place of each `?`.
    pub fn and_int(&mut self, condition: &str, value: i64) -> &mut Self {
        self.push(condition, vec![Value::Int(value)])
    }

    /// Adds `column IN (…)` with one placeholder per value; no values match nothing.
    pub fn and_in(&mut self, column: &str, values: &[&str]) -> &mut Self {
        if values.is_empty() {
            self.conditions.push("1 = 0".into());
            return self;
        }
        let marks = vec!["?"; values.len()].join(", ");
        let values = values.iter().map(|v| Value::Text(v.to_string())).collect();
        self.push(&format!("{column} IN ({marks})"), values)
    }

    /// The clause, without the word `WHERE` (`1 = 1` when empty).
    pub fn sql(&self) -> String {
        if self.conditions.is_empty() {
            "1 = 1".into()
        } else {
            self.conditions.join(" AND ")
        }
    }

    /// Binds the values to a query built from [`Where::sql`].
    pub fn bind_as<'q, O>(
        &self,
        mut query: QueryAs<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryAs<'q, Any, O, AnyArguments<'q>> {
        for v in &self.values {
            query = match v.clone() {
                Value::Text(t) => query.bind(t),
                Value::Int(i) => query.bind(i),
            };
        }
        query
    }

    /// [`Where::bind_as`] for a query of one value (a count).
    pub fn bind_scalar<'q, O>(
        &self,
        mut query: QueryScalar<'q, Any, O, AnyArguments<'q>>,
    ) -> QueryScalar<'q, Any, O, AnyArguments<'q>> {
        for v in &self.values {
            query = match v.clone() {
                Value::Text(t) => query.bind(t),
                Value::Int(i) => query.bind(i),
            };
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut w = Where::new("p.visibility = 'public'");
        w.and("p.status = ?", "open")
            .and_in("c.code", &["roads", "water"])
            .and(
                "(l.id = CAST(? AS BIGINT) OR l.parent_id = CAST(? AS BIGINT))",
                "461",
            )
            .and_int("p.created_at >= ?", 5);
        assert_eq!(
            w.sql(),
            "p.visibility = 'public' AND p.status = $1 AND c.code IN ($2, $3) AND \
             (l.id = CAST($4 AS BIGINT) OR l.parent_id = CAST($4 AS BIGINT)) AND p.created_at >= $5"
        );
        assert_eq!(w.values.len(), 5);
        assert_eq!(Where::new("").sql(), "1 = 1");
        let mut none = Where::new("");
        none.and_in("p.code", &[]);
        assert_eq!(none.sql(), "1 = 0");
    }
}
