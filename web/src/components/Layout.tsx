// The app frame: a header with the language menu, the page, and a bottom navigation for thumbs.
import { createEffect, createSignal, ErrorBoundary, onCleanup, Show, Suspense } from "solid-js";
import { locale, setLocale, t } from "../i18n.ts";
import { LOCALE_NAMES, LOCALES } from "../languages.ts";
import { A, type RouteSectionProps, useLocation } from "../router.tsx";
import { type SessionUser, useSession } from "../session.ts";
import { Icon, type IconName } from "./Icon.tsx";

type NavItem = { href: string; key: "home" | "course" | "results" | "classes" | "account"; icon: IconName; end?: boolean };

/** Four tabs for everyone; a signed-in student's home is their dashboard, an instructor's third tab is Classes. */
function navItems(user: SessionUser | null | undefined): NavItem[] {
  return [
    user?.role === "student" ? { href: "/dashboard", key: "home", icon: "home" } : { href: "/", key: "home", icon: "home", end: true },
    { href: "/modules", key: "course", icon: "book" },
    user?.role === "instructor" ? { href: "/classes", key: "classes", icon: "list" } : { href: "/results", key: "results", icon: "chart" },
    { href: "/account", key: "account", icon: "user" },
  ];
}

/** The tabs, following the session; without it (offline, still loading) the visitor's tabs. */
function NavList() {
  const session = useSession();
  return (
    <ErrorBoundary fallback={<NavLinks items={navItems(null)} />}>
      <Suspense fallback={<NavLinks items={navItems(null)} />}>
        <NavLinks items={navItems(session.latest)} />
      </Suspense>
    </ErrorBoundary>
  );
}

function NavLinks(props: { items: NavItem[] }) {
  return (
    <ul>
      {props.items.map((item) => (
        <li>
          <A href={item.href} end={item.end ?? false} activeClass="active">
            <Icon name={item.icon} />
            <span>{t(`nav.${item.key}`)}</span>
          </A>
        </li>
      ))}
    </ul>
  );
}

/** An attempt being answered (/attempts/:id, not its result or review): a focused screen with no tabs to stray through. */
export const isFocusedPath = (pathname: string) => /^\/attempts\/[^/]+\/?$/.test(pathname);

/**
 * The three languages as one group of buttons, each named in itself (and marked with its own lang, so a screen
 * reader says it right); the current one is pressed. One tap switches, without a reload: the page keeps its state.
 */
function LanguageMenu() {
  return (
    <fieldset class="lang-menu">
      <legend class="visually-hidden">{t("app.language")}</legend>
      {LOCALES.map((lang) => (
        <button type="button" lang={lang} aria-pressed={locale() === lang} onClick={() => void setLocale(lang)}>
          {LOCALE_NAMES[lang]}
        </button>
      ))}
    </fieldset>
  );
}

export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  const focused = () => isFocusedPath(location.pathname);
  // The tab bar's height (--nav-h) goes to zero with it, so bars pinned above it sit at the bottom edge.
  createEffect(() => document.body.classList.toggle("focused", focused()));
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
        <LanguageMenu />
      </header>
      {/* A quiz says itself what waits on the device, in one notice. */}
      <Show when={!online() && !focused()}>
        <p class="offline-banner" role="status">
          {t("app.offline")}
        </p>
      </Show>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <Show when={!focused()}>
        <nav class="bottom-nav" aria-label={t("nav.main")}>
          <NavList />
        </nav>
      </Show>
    </>
  );
}
