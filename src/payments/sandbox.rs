//! The sandbox bank (demo mode only): it reads a VietQR payload as a
//! banking app would (checksum, amount, bill number), makes the provider's
//! notification of the transfer, signs it as the provider, and hands it to
//! the webhook's own code path ([`super::gateway::receive`]), so the whole
//! flow runs on one machine.

use super::config::PaymentConfig;
use super::gateway;
use super::model::Money;
use super::provider::{write_json, Notification};
use super::vietqr;
use super::views::SandboxReceipt;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;

/// The payments' settings, when demo mode is on (otherwise nothing is here).
pub fn require_demo(state: &AppState) -> Result<&PaymentConfig, AppError> {
    let config = state.domain::<PaymentConfig>()?;
    if config.demo {
        Ok(config)
    } else {
        Err(AppError::NotFound)
    }
}

/// What a banking app reads from a VietQR payload: the reference (bill
/// number) and the amount; a bad checksum or a code without them is invalid.
pub fn read_payload(payload: &str) -> Result<(String, Money), AppError> {
    let invalid = || AppError::invalid("payload", "payments.payload_invalid");
    let payload = payload.trim();
    let items = vietqr::parse(payload).map_err(|_| invalid())?;
    let amount = vietqr::find(&items, "54")
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| *a > 0)
        .ok_or_else(invalid)?;
    let extra = vietqr::find(&items, "62").ok_or_else(invalid)?;
    let extra = vietqr::elements(extra).map_err(|_| invalid())?;
    let reference = vietqr::find(&extra, "01").ok_or_else(invalid)?;
    Ok((reference.to_string(), Money::from_dong(amount)))
}

/// Pays `payload` through the sandbox provider.
pub async fn pay(state: &AppState, payload: &str) -> Result<SandboxReceipt, AppError> {
    let config = require_demo(state)?;
    let (reference, amount) = read_payload(payload)?;
    let n = Notification {
        event_id: format!("sbx-{}", super::service::random_key()),
        reference,
        amount,
    };
    let body = write_json(&n);
    let headers = config
        .provider
        .sign(&body, now_ms().div_euclid(1000))
        .ok_or_else(|| AppError::conflict("payments.sandbox_unavailable"))?;
    match gateway::receive(state, config.provider.as_ref(), &headers, &body).await {
        Ok((n, outcome)) => Ok(SandboxReceipt {
            event_id: n.event_id,
            reference: n.reference,
            amount: n.amount,
            outcome: outcome.as_str().to_string(),
        }),
        Err(gateway::GatewayError::Unavailable(e)) => Err(e),
        Err(gateway::GatewayError::Rejected(r)) => Err(AppError::internal(r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_banking_app_reads() {
        let vector = "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13";
        assert_eq!(
            read_payload(vector).unwrap(),
            ("NPS6869".to_string(), Money::from_dong(10_000))
        );
        let tampered = vector.replace("5405100005802", "5405900005802");
        assert!(read_payload(&tampered).is_err());
        assert!(read_payload("hello").is_err());
    }
}
