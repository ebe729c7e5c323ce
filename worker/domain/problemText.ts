// Problem details in the reader's language: `detail` and each field's `message` are written in English where they
// are thrown, and told here in Russian or Kazakh when the request asks for it (Accept-Language). `type`, `title`,
// `status`, `reason` and field paths never change: machines read those.

export type ProblemLang = "en" | "ru" | "kk";
const LANGS: readonly ProblemLang[] = ["en", "ru", "kk"];

/**
 * The best of en, ru and kk for an Accept-Language header (q-values honoured, "kk-KZ" counts as kk); English,
 * the language machines have always read, when the header names none of them or is absent.
 */
export function problemLanguage(header: string | null | undefined): ProblemLang {
  const ranked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked.find((x) => (LANGS as readonly string[]).includes(x.lang))?.lang as ProblemLang | undefined) ?? "en";
}

type Said = string | ((...groups: string[]) => string);
/** One English sentence (a pattern over what the code throws) and how it reads in ru and kk. */
type Entry = [RegExp, { ru: Said; kk: Said }];

// What a 404 names ("The attempt does not exist…"): the nouns the routes use.
const THINGS: Record<string, { ru: string; kk: string }> = {
  attempt: { ru: "попытка", kk: "әрекет" },
  class: { ru: "класс", kk: "сынып" },
  assignment: { ru: "задание", kk: "тапсырма" },
  "assignment in this class": { ru: "задание в этом классе", kk: "осы сыныптағы тапсырма" },
  "student in this class": { ru: "студент в этом классе", kk: "осы сыныптағы студент" },
  "question in this attempt": { ru: "вопрос в этой попытке", kk: "осы әрекеттегі сұрақ" },
  "review card": { ru: "карточка повторения", kk: "қайталау карточкасы" },
  resource: { ru: "ресурс", kk: "ресурс" },
};
const thing = (what: string, lang: "ru" | "kk") => THINGS[what]?.[lang] ?? what;

const ROLES = { student: { ru: "студенты", kk: "студенттер" }, instructor: { ru: "преподаватели", kk: "оқытушылар" } };

const DETAILS: Entry[] = [
  [
    /^Invalid answer: it (.+)\.$/,
    { ru: (m) => `Неверный ответ: ${message(m, "ru")}.`, kk: (m) => `Жауап дұрыс емес: ${message(m, "kk")}.` },
  ],
  [/^Invalid (.+)\.$/, { ru: (f) => `Неверные данные: ${f}.`, kk: (f) => `Қате деректер: ${f}.` }],
  [/^Sign in to do this\.$/, { ru: "Войдите, чтобы это сделать.", kk: "Мұны істеу үшін кіріңіз." }],
  [/^The email or password is not right\.$/, { ru: "Неверная почта или пароль.", kk: "Пошта немесе құпиясөз қате." }],
  [
    /^Cross-site request refused/,
    {
      ru: "Запрос с другого сайта отклонён: изменения принимаются только со страниц Qadam.",
      kk: "Басқа сайттан келген сұрау қабылданбады: өзгерістер тек Qadam беттерінен қабылданады.",
    },
  ],
  [
    /^Only (student|instructor)s can do this\.$/,
    {
      ru: (r) => `Это могут только ${ROLES[r as keyof typeof ROLES].ru}.`,
      kk: (r) => `Мұны тек ${ROLES[r as keyof typeof ROLES].kk} істей алады.`,
    },
  ],
  [
    /^No class has this code\./,
    { ru: "Класса с таким кодом нет. Уточните код у преподавателя.", kk: "Мұндай коды бар сынып жоқ. Кодты оқытушыдан нақтылаңыз." },
  ],
  [/^This student is not in the class\.$/, { ru: "Этого студента нет в классе.", kk: "Бұл студент сыныпта жоқ." }],
  [/^No API route (\S+) (\S+)\.$/, { ru: (m, p) => `Нет такого пути API: ${m} ${p}.`, kk: (m, p) => `Мұндай API жолы жоқ: ${m} ${p}.` }],
  [
    /^The (.+) does not exist or is not yours\.$/,
    { ru: (w) => `Не найдено или нет доступа: ${thing(w, "ru")}.`, kk: (w) => `Табылмады немесе қолжетімсіз: ${thing(w, "kk")}.` },
  ],
  [/^The course has no module "(.+)"\.$/, { ru: (s) => `В курсе нет модуля «${s}».`, kk: (s) => `Курста «${s}» модулі жоқ.` }],
  [
    /^An account with this email already exists\./,
    { ru: "Аккаунт с этой почтой уже есть. Войдите в него.", kk: "Бұл поштамен аккаунт бар. Соған кіріңіз." },
  ],
  [
    /^Practice on this module is paused while you have an assessment on it; it reopens once the assessment on it closes\.$/,
    {
      ru: "Тренировка по этому модулю на паузе, пока у вас есть по нему тест; она откроется, когда тест закроется.",
      kk: "Бұл модуль бойынша сынақ ашық тұрғанда жаттығу тоқтатылған; сынақ жабылғанда ол қайта ашылады.",
    },
  ],
  [
    /^Practice on this module is paused while you have an assessment on it; it reopens at (\S+)\.$/,
    {
      ru: (t) => `Тренировка по этому модулю на паузе, пока у вас есть по нему тест; она откроется ${t}.`,
      kk: (t) => `Бұл модуль бойынша сынақ ашық тұрғанда жаттығу тоқтатылған; ол ${t} қайта ашылады.`,
    },
  ],
  [/^The request body is over (\d+) KB\.$/, { ru: (n) => `Тело запроса больше ${n} КБ.`, kk: (n) => `Сұрау денесі ${n} КБ-тан асады.` }],
  [
    /^Too many attempts\. Try again in (\d+) minute\(s\)\.$/,
    { ru: (n) => `Слишком много попыток. Попробуйте снова через ${n} мин.`, kk: (n) => `Әрекет тым көп. ${n} минуттан кейін қайталаңыз.` },
  ],
  [
    /^Sign-in to this account is slowed down after wrong passwords\. Try again in (\d+) s\.$/,
    {
      ru: (n) => `После неверных паролей вход в этот аккаунт замедлен. Попробуйте снова через ${n} с.`,
      kk: (n) => `Қате құпиясөздерден кейін бұл аккаунтқа кіру баяулатылды. ${n} секундтан кейін қайталаңыз.`,
    },
  ],
  [
    /^Too many wrong passwords from your network\. Try again in (\d+) minute\(s\)\.$/,
    {
      ru: (n) => `Слишком много неверных паролей из вашей сети. Попробуйте снова через ${n} мин.`,
      kk: (n) => `Желіңізден қате құпиясөз тым көп енгізілді. ${n} минуттан кейін қайталаңыз.`,
    },
  ],
  [/^Submit the attempt to review it\.$/, { ru: "Сдайте попытку, чтобы увидеть разбор.", kk: "Талдауды көру үшін әрекетті тапсырыңыз." }],
  [/^The due date of this assignment has passed\.$/, { ru: "Срок сдачи этого задания прошёл.", kk: "Бұл тапсырманың мерзімі өтті." }],
  [
    /^This attempt is already submitted/,
    { ru: "Эта попытка уже сдана; ответы больше не меняются.", kk: "Бұл әрекет тапсырылған; жауаптар енді өзгермейді." },
  ],
  [
    /^This card waits for its assessment's answers/,
    { ru: "Эта карточка ждёт, когда откроют ответы её теста.", kk: "Бұл карточка сынақ жауаптарының ашылуын күтіп тұр." },
  ],
  [
    /^Time is up/,
    {
      ru: "Время вышло: срок попытки прошёл, и она сдана.",
      kk: "Уақыт бітті: әрекеттің мерзімі өтті және ол тапсырылды.",
    },
  ],
  [
    /^You are no longer in this class/,
    {
      ru: "Вас больше нет в этом классе: попытка сдана с ответами, сохранёнными до этого момента.",
      kk: "Сіз енді бұл сыныпта жоқсыз: әрекет осы сәтке дейін сақталған жауаптармен тапсырылды.",
    },
  ],
  [/^All (\d+) attempts are used\.$/, { ru: (n) => `Все попытки (${n}) использованы.`, kk: (n) => `Барлық әрекет (${n}) пайдаланылды.` }],
  [/^This assignment opens at (\S+)\.$/, { ru: (t) => `Задание откроется ${t}.`, kk: (t) => `Тапсырма ${t} ашылады.` }],
  [
    /^This card is not due until (\S+)\.$/,
    { ru: (t) => `Эту карточку пора повторять не раньше ${t}.`, kk: (t) => `Бұл карточканы ${t} бұрын қайталау ерте.` },
  ],
  [
    /^Starting the attempt collided with another request/,
    {
      ru: "Попытка начиналась одновременно с другим запросом; попробуйте ещё раз.",
      kk: "Әрекет басқа сұраумен қатар басталды; қайталап көріңіз.",
    },
  ],
  [/^Another account has this email\.$/, { ru: "Эта почта уже у другого аккаунта.", kk: "Бұл пошта басқа аккаунтта тіркелген." }],
  [/^This student is not in your class\.$/, { ru: "Этого студента нет в вашем классе.", kk: "Бұл студент сіздің сыныбыңызда жоқ." }],
  [
    /^Not every student named is in this class\.$/,
    { ru: "Не все названные студенты в этом классе.", kk: "Аталған студенттердің бәрі бұл сыныпта емес." },
  ],
  [
    /^This student has no override on this assignment\.$/,
    { ru: "У этого студента нет особых условий по этому заданию.", kk: "Бұл студентте осы тапсырма бойынша ерекше шарт жоқ." },
  ],
  [/^The current password is not right\.$/, { ru: "Текущий пароль неверен.", kk: "Қазіргі құпиясөз қате." }],
  [
    /^This code is not right, was used already or has expired\. Ask your instructor for a new one\.$/,
    {
      ru: "Код неверен, уже использован или истёк. Попросите у преподавателя новый.",
      kk: "Код қате, бұрын қолданылған немесе мерзімі өткен. Оқытушыдан жаңасын сұраңыз.",
    },
  ],
  [
    /^This issuer and client id are already registered\.$/,
    { ru: "Эти issuer и client id уже зарегистрированы.", kk: "Бұл issuer мен client id бұрын тіркелген." },
  ],
  [/^The override changes nothing\.$/, { ru: "Эти особые условия ничего не меняют.", kk: "Бұл ерекше шарт ештеңені өзгертпейді." }],
  [
    /^Only a submitted attempt can be regraded\.$/,
    { ru: "Пересчитать можно только сданную попытку.", kk: "Тек тапсырылған әрекетті қайта бағалауға болады." },
  ],
  [/^Malformed JSON/i, { ru: "Тело запроса — не корректный JSON.", kk: "Сұрау денесі дұрыс JSON емес." }],
  [
    /^Something went wrong on our side/,
    {
      ru: "У нас что-то пошло не так; всё, что вы отправили, сохранено.",
      kk: "Бізде бірдеңе дұрыс болмады; жіберген ештеңеңіз жоғалған жоқ.",
    },
  ],
];

const MESSAGES: Entry[] = [
  [
    /^must be the 10-character code your instructor gave you$/,
    { ru: "должен быть 10-значным кодом от преподавателя", kk: "оқытушы берген 10 таңбалы код болуы керек" },
  ],
  [/^must be more than (\d+)$/, { ru: (n) => `должно быть больше ${n}`, kk: (n) => `${n}-ден үлкен болуы керек` }],
  [
    /^must be between (\d+) and (\d+)$/,
    { ru: (a, b) => `должно быть от ${a} до ${b}`, kk: (a, b) => `${a} мен ${b} аралығында болуы керек` },
  ],
  [/^must list at least one deployment id$/, { ru: "нужен хотя бы один deployment id", kk: "кемінде бір deployment id керек" }],
  [/^must list at most (\d+) deployment ids$/, { ru: (n) => `не больше ${n} deployment id`, kk: (n) => `ең көбі ${n} deployment id` }],
  [/^is not right$/, { ru: "неверно", kk: "қате" }],
  [/^is not right, used or expired$/, { ru: "неверен, использован или истёк", kk: "қате, қолданылған немесе мерзімі өткен" }],
  [/^is not a block of this lesson$/, { ru: "не является блоком этого урока", kk: "бұл сабақтың блогы емес" }],
  [/^is not a question of the course$/, { ru: "не является вопросом курса", kk: "курстың сұрағы емес" }],
  [/^is required$/, { ru: "обязательное поле", kk: "міндетті өріс" }],
  [/^must not be empty$/, { ru: "не может быть пустым", kk: "бос болмауы керек" }],
  [/^must be a whole number$/, { ru: "должно быть целым числом", kk: "бүтін сан болуы керек" }],
  [/^must be a finite number$/, { ru: "должно быть конечным числом", kk: "шектеулі сан болуы керек" }],
  [/^must be a string$/, { ru: "должно быть строкой", kk: "жол болуы керек" }],
  [/^must be true or false$/, { ru: "должно быть true или false", kk: "true немесе false болуы керек" }],
  [/^must be at least (\d+)$/, { ru: (n) => `должно быть не меньше ${n}`, kk: (n) => `кемінде ${n} болуы керек` }],
  [/^must be at most (\d+)$/, { ru: (n) => `должно быть не больше ${n}`, kk: (n) => `ең көбі ${n} болуы керек` }],
  [/^must be at most (\d+) characters(?: long)?$/, { ru: (n) => `не больше ${n} символов`, kk: (n) => `ең көбі ${n} таңба` }],
  [/^must be a valid email address$/, { ru: "должен быть адресом электронной почты", kk: "электрондық пошта мекенжайы болуы керек" }],
  [/^is already registered$/, { ru: "уже зарегистрирована", kk: "тіркелген" }],
  [/^is too common$/, { ru: "слишком распространённый", kk: "тым кең таралған" }],
  [/^must not contain your email name$/, { ru: "не должен содержать имя из адреса почты", kk: "пошта мекенжайындағы ат болмауы керек" }],
  [/^must be well-formed Unicode text$/, { ru: "должно быть корректным текстом Unicode", kk: "дұрыс Unicode мәтіні болуы керек" }],
  [
    /^must not have a key that is ill-formed Unicode$/,
    { ru: "ключи должны быть корректным Unicode", kk: "кілттер дұрыс Unicode болуы керек" },
  ],
  [
    /^must be (\S+), (\S+) or (\S+)$/,
    { ru: (a, b, c) => `допустимо: ${a}, ${b} или ${c}`, kk: (a, b, c) => `рұқсат етілгені: ${a}, ${b} немесе ${c}` },
  ],
  [/^must be (\S+) or (\S+)$/, { ru: (a, b) => `допустимо: ${a} или ${b}`, kk: (a, b) => `рұқсат етілгені: ${a} немесе ${b}` }],
  [
    /^must be the slug of a module of the course$/,
    { ru: "должно быть идентификатором модуля курса", kk: "курс модулінің идентификаторы болуы керек" },
  ],
  [
    /^must be the 6-character join code your instructor gave you$/,
    { ru: "должен быть 6-значным кодом от преподавателя", kk: "оқытушы берген 6 таңбалы код болуы керек" },
  ],
  [
    /^must be an IANA time zone such as (\S+)$/,
    { ru: (z) => `должен быть часовым поясом IANA, например ${z}`, kk: (z) => `IANA сағат белдеуі болуы керек, мысалы ${z}` },
  ],
  [/^must be after opensAt$/, { ru: "должно быть позже opensAt", kk: "opensAt-тан кейін болуы керек" }],
  [/^after_due needs a dueAt$/, { ru: "для after_due нужен dueAt", kk: "after_due үшін dueAt керек" }],
  [
    /^must be a date-time between 2000 and 2100/,
    {
      ru: "дата и время между 2000 и 2100 годом (YYYY-MM-DDTHH:mm)",
      kk: "2000 және 2100 жылдар аралығындағы күн мен уақыт (YYYY-MM-DDTHH:mm)",
    },
  ],
  [
    /^must be a course build version/,
    { ru: "должно быть версией сборки курса (16 шестнадцатеричных цифр)", kk: "курс жинағының нұсқасы болуы керек (16 он алтылық цифр)" },
  ],
  [
    /^must be a number or the text the learner typed$/,
    { ru: "должно быть числом или текстом, который ввёл студент", kk: "сан немесе студент енгізген мәтін болуы керек" },
  ],
  [
    /^(?:element (\d+) )?must be one of the (option|item|right-hand) ids of this question$/,
    {
      ru: (i, k) =>
        `${i ? `элемент ${i}: ` : ""}нужен id ${k === "item" ? "пункта" : k === "option" ? "варианта" : "правой колонки"} этого вопроса`,
      kk: (i, k) =>
        `${i ? `${i}-элемент: ` : ""}осы сұрақтың ${k === "item" ? "тармағының" : k === "option" ? "нұсқасының" : "оң бағанының"} id-і керек`,
    },
  ],
  [/^element (\d+) repeats/, { ru: (i) => `элемент ${i} повторяется`, kk: (i) => `${i}-элемент қайталанады` }],
  [
    /^must list all (\d+) items/,
    { ru: (n) => `нужно перечислить все ${n} пунктов по одному разу`, kk: (n) => `барлық ${n} тармақты бір реттен атау керек` },
  ],
  [/^must be an array/, { ru: "должно быть массивом id", kk: "id массиві болуы керек" }],
  [/^must be an object mapping/, { ru: "должно быть объектом: id слева → id справа", kk: "объект болуы керек: сол жақ id → оң жақ id" }],
  // zod's own messages, for the fields whose schema says nothing of its own.
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    { ru: (a, b) => `ожидалось ${a}, получено ${b}`, kk: (a, b) => `${a} күтілді, ${b} келді` },
  ],
  [/^Invalid option: expected one of (.+)$/, { ru: (o) => `допустимые значения: ${o}`, kk: (o) => `рұқсат етілген мәндер: ${o}` }],
  [/^Unrecognized keys?: (.+)$/, { ru: (k) => `лишние поля: ${k}`, kk: (k) => `артық өрістер: ${k}` }],
  [/^Invalid JSON|^Malformed JSON/i, { ru: "тело запроса — не JSON", kk: "сұрау денесі JSON емес" }],
];

function translate(text: string, lang: ProblemLang, entries: Entry[]): string {
  if (lang === "en") return text;
  for (const [pattern, said] of entries) {
    const m = pattern.exec(text);
    if (!m) continue;
    const to = said[lang];
    return typeof to === "string" ? to : to(...m.slice(1).map((g) => g ?? ""));
  }
  // A sentence not in the catalogue stays in English rather than being guessed at.
  return text;
}

/** A field error's message in `lang` (English as thrown when the catalogue does not know it). */
export const message = (text: string, lang: ProblemLang) => translate(text, lang, MESSAGES);

/** A problem body with `detail` and every `errors[].message` in `lang`; everything else as it was. */
export function localizeProblem<B extends { detail: string; errors?: { path: string; message: string }[] }>(body: B, lang: ProblemLang): B {
  if (lang === "en") return body;
  const out = { ...body, detail: translate(body.detail, lang, DETAILS) };
  if (body.errors) out.errors = body.errors.map((e) => ({ ...e, message: message(e.message, lang) }));
  return out;
}
