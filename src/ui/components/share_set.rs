//! "Study these / share these": a link that opens exactly this set of questions on any device.

use leptos::prelude::*;

use crate::core::share;
use crate::ui::app::href;

/// Links to study or mock-interview a set of questions, and a copy-link button (the link is shown when the
/// clipboard is not allowed). The links follow `ids` as it changes, without rebuilding the buttons.
#[component]
pub fn ShareSet(
    /// The questions, in order.
    #[prop(into)]
    ids: Signal<Vec<&'static str>>,
) -> impl IntoView {
    let paths = Memo::new(move |_| {
        ids.with(|ids| {
            let code = share::encode(ids.iter().copied());
            let size = [5, 10, 20]
                .into_iter()
                .find(|n| *n >= ids.len())
                .unwrap_or(20);
            (
                format!("/study?set={code}"),
                format!("/mock?set={code}&n={size}"),
            )
        })
    });
    let shown = RwSignal::new(None::<String>);
    // A link shown for an earlier set would be wrong for this one.
    Effect::new(move |first: Option<()>| {
        paths.track();
        if first.is_some() {
            shown.set(None);
        }
    });
    let copy = move |_| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let link = paths.with_untracked(|(study, _)| format!("{origin}{}", href(study)));
        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
        match clipboard {
            Some(c) => {
                let promise = c.write_text(&link);
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                    shown.set(Some(if ok {
                        format!("Link copied: {link}")
                    } else {
                        link
                    }));
                });
            }
            None => shown.set(Some(link)),
        }
    };
    view! {
        <div class="dd-share">
            <a href=move || paths.with(|(study, _)| href(study)) class="dd-button">"Study these"</a>
            <a href=move || paths.with(|(_, mock)| href(mock)) class="dd-button">"Mock interview on these"</a>
            <button type="button" class="dd-button dd-button--quiet" on:click=copy>"Copy link to this set"</button>
            {move || shown.get().map(|text| view! { <p class="dd-share__link" role="status"><output>{text}</output></p> })}
        </div>
    }
}
