// The app frame: a header with the language switch, the page, and a bottom navigation for thumbs.
import { A, type RouteSectionProps } from "@solidjs/router";
import { createSignal, onCleanup, Show } from "solid-js";
import { locale, setLocale, t } from "../i18n.ts";
import { Icon, type IconName } from "./Icon.tsx";

const navItems: { href: string; key: "home" | "course" | "results" | "account"; icon: IconName; end?: boolean }[] = [
  { href: "/", key: "home", icon: "home", end: true },
  { href: "/modules", key: "course", icon: "book" },
  { href: "/results", key: "results", icon: "chart" },
  { href: "/account", key: "account", icon: "user" },
];

export function Layout(props: RouteSectionProps) {
  const [online, setOnline] = createSignal(navigator.onLine);
  const update = () => setOnline(navigator.onLine);
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  onCleanup(() => {
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  });

  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header class="app-header">
        <A href="/" class="brand" aria-label={`${t("app.name")} — ${t("nav.home")}`}>
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>{t("app.name")}</span>
        </A>
        <button
          type="button"
          class="lang-switch"
          lang={locale() === "ru" ? "en" : "ru"}
          aria-label={t("app.switchToLabel")}
          onClick={() => setLocale(locale() === "ru" ? "en" : "ru")}
        >
          {t("app.switchTo")}
        </button>
      </header>
      <Show when={!online()}>
        <p class="offline-banner" role="status">
          {t("app.offline")}
        </p>
      </Show>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <nav class="bottom-nav" aria-label={t("nav.main")}>
        <ul>
          {navItems.map((item) => (
            <li>
              <A href={item.href} end={item.end ?? false} activeClass="active">
                <Icon name={item.icon} />
                <span>{t(`nav.${item.key}`)}</span>
              </A>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
