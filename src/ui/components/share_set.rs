//! "Study these / share these": a link that opens exactly this set of questions on any device.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsValue;

use crate::core::share;
use crate::ui::app::href;

/// Links to study or mock-interview a set of questions, and a copy-link button (the link is shown when the
/// clipboard is not allowed).
#[component]
pub fn ShareSet(
    /// The questions, in order.
    ids: Vec<&'static str>,
) -> impl IntoView {
    let code = share::encode(ids.iter().copied());
    let study = format!("/study?set={code}");
    let mock = format!(
        "/mock?set={code}&n={}",
        [5, 10, 20]
            .into_iter()
            .find(|n| *n >= ids.len())
            .unwrap_or(20)
    );
    let absolute = {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}{}", href(&study))
    };
    let shown = RwSignal::new(None::<String>);
    let copy = move |_| {
        let link = absolute.clone();
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        match clipboard {
            Some(c) => {
                let promise = c.write_text(&link);
                let fallback = link.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    shown.set(Some(if ok {
                        format!("Link copied: {fallback}")
                    } else {
                        fallback
                    }));
                });
            }
            None => shown.set(Some(link)),
        }
        let _ = JsValue::NULL;
    };
    view! {
        <div class="dd-share">
            <A href=href(&study) attr:class="dd-button">"Study these"</A>
            <A href=href(&mock) attr:class="dd-button">"Mock interview on these"</A>
            <button class="dd-button dd-button--quiet" on:click=copy>"Copy link to this set"</button>
            {move || shown.get().map(|text| view! { <p class="dd-share__link" role="status"><output>{text}</output></p> })}
        </div>
    }
}
