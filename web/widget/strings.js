// Every piece of text the widget itself shows, in the three locales it
// speaks, and the one rule for picking a text written in several locales
// (the core's firstline::localized(), core/src/locale.cpp): used for these
// strings, for the index's channel labels and purposes, and for the locale the
// widget speaks. Content (articles, clarifying questions, explanations) comes
// from the index. No DOM: tested under Node (tests/browser/widget-logic.test.mjs).

/** The locales the widget speaks. */
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'];

/** The locale of a customer nothing tells about, and the rule's last named fallback (the core's kDefaultLocale). */
export const DEFAULT_LOCALE = 'zh-Hans';

/**
 * Which of `available` (locale names) serves `requested`: itself, else the
 * same language in the other script (zh-Hant for zh-Hans and back), else
 * "en", else "zh-Hans", else the first there is (in key order, as the core's
 * std::map); undefined when nothing is available.
 */
export function fallbackLocale(available, requested) {
  const names = [...available];
  if (!names.length) return undefined;
  const sibling = requested === 'zh-Hant' ? 'zh-Hans' : requested === 'zh-Hans' ? 'zh-Hant' : '';
  for (const candidate of [requested, sibling, 'en', DEFAULT_LOCALE]) {
    if (candidate && names.includes(candidate)) return candidate;
  }
  return names.sort()[0];
}

/** The text for `locale` of a text by locale ({"zh-Hans": ..., "en": ...}) by fallbackLocale's rule; "" if there is none. */
export function localized(texts, locale) {
  if (!texts || typeof texts !== 'object') return '';
  const written = Object.keys(texts).filter((name) => typeof texts[name] === 'string');
  const chosen = fallbackLocale(written, locale);
  return chosen === undefined ? '' : texts[chosen];
}

/**
 * A BCP 47 tag ("zh-CN", "zh-TW", "en-GB", "fr", ...) as a locale name: a
 * Chinese tag is zh-Hans or zh-Hant by its script or region, an English one
 * "en"; any other tag is returned lowercased ("" for none).
 */
export function localeName(tag) {
  const value = String(tag || '').trim().toLowerCase();
  if (value.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(value) ? 'zh-Hant' : 'zh-Hans';
  if (value.startsWith('en')) return 'en';
  return value;
}

/** Maps a language tag to the widget locale that serves it (fallbackLocale's rule: "fr" is served in "en"); "" for no tag. */
export function widgetLocale(tag) {
  const name = localeName(tag);
  return name ? fallbackLocale(LOCALES, name) : '';
}

/**
 * The locale the widget speaks: the first of the configured locale, the
 * page's lang and the browser's language that is set, served by
 * fallbackLocale's rule; DEFAULT_LOCALE when none is set.
 */
export function pickLocale(configured, doc = document) {
  return widgetLocale(configured) || widgetLocale(doc.documentElement.lang) ||
    widgetLocale(globalThis.navigator?.language) || DEFAULT_LOCALE;
}

/** English list: "a", "a and b", "a, b and c". */
function listed(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const STRINGS = {
  'zh-Hans': {
    launcher: '帮助',
    title: '帮助中心',
    close: '关闭帮助',
    contactPerson: '联系人工客服',
    inputLabel: '您的问题',
    placeholder: '例如：我的快递到哪了？',
    askButton: '提问',
    hintsLabel: '输入提示',
    hintCount: (n) => (n ? `有 ${n} 条提示，用上下方向键选择` : '没有提示'),
    loading: '正在加载帮助内容…',
    loadingProgress: (percent) => `正在加载帮助内容… ${percent}%`,
    ready: '帮助内容已就绪',
    topicsTitle: '您可能想问',
    answerFound: '为您找到以下答案',
    clarifyStatus: '请选择最接近的情况',
    noneOfThese: '都不是，联系人工',
    escalateStatus: '建议联系人工客服',
    // Why a person is suggested, by the core's escalation reason, in the
    // customer's terms (the agent's note is the handoff's recommended_channel.why).
    reasons: {
      explicit_request: '好的，为您转人工客服。',
      urgent: '这件事需要马上处理，请现在就联系客服。',
      human_only: '这个问题需要客服了解您的具体情况后才能处理。',
      emotional: '很抱歉让您有这样不好的经历。我们请客服直接来帮您解决。',
      repeated: '很抱歉，这个问题一直没能解决。我们请客服接着帮您处理，您不用从头再说一遍。',
      out_of_scope: '我们的帮助文章里还没有这个问题的答案，客服可以帮您看看。',
    },
    related: '相关文章',
    backToAnswers: '返回',
    helpedQuestion: '这篇文章有帮助吗？',
    helpedYes: '有帮助',
    helpedNo: '没帮助',
    thanks: '谢谢您的反馈！',
    sorry: '抱歉没能帮到您。可以换个说法再问，或者联系人工客服。',
    channelsTitle: '联系人工客服',
    channelsIntro: '选择一种方式，我们会把您的问题摘要转交给客服，您不用再重复描述。',
    recommended: '推荐',
    openNow: '现在可用',
    closedUntil: (when) => `已下班，${when} 开始服务`,
    closedToday: (time) => `今天 ${time}`,
    closedTomorrow: (time) => `明天 ${time}`,
    closedOn: (day, time) => `${day} ${time}`,
    days: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    summaryTitle: '将转交给客服的摘要',
    // What the payload's personal_data says (core/include/firstline/personal_data.h lists what is masked).
    summaryMasked: '请确认以下内容。其中的电话号码、邮箱、身份证号、银行卡号和详细地址（街道和门牌号）已遮盖，客服看到的就是这样。',
    summaryIncluded: '请确认以下内容。按本网站的设置，您输入的电话、邮箱、证件号、卡号和地址会原样转交给客服。',
    // The summary the customer confirms, as sentences: what they asked, what they tried, what they want.
    summaryAsked: (n) => (n > 1 ? `您问了这 ${n} 个问题：` : '您的问题是：'),
    summaryNothingAsked: '您还没有写下具体的问题，可以在联系客服时再说明。',
    summaryTopic: (label) => `看起来是关于“${label}”的问题。`,
    summaryRead: (titles) => `您看过${titles.map((title) => `《${title}》`).join('')}。`,
    summaryNotHelped: (titles, all) => (all && titles.length === 1 ? '这篇文章没有解决您的问题。'
      : all ? '这些文章都没有解决您的问题。' : `其中${titles.map((title) => `《${title}》`).join('')}没有解决您的问题。`),
    summaryReadNothing: '您还没有看过相关的帮助文章。',
    summaryWants: {
      chat: '您希望在线客服帮您处理。',
      phone: '您准备打客服热线，和客服直接通话。',
      callback: '您希望客服打电话给您。',
      email: '您准备发邮件给客服。',
    },
    callbackPhone: '回电号码',
    callbackTime: '方便接听的时间（可选）',
    callbackInvalid: '请输入有效的电话号码',
    confirm: '确认并转交',
    cancel: '返回',
    // Without a desk's receipt nothing says when a person replies: no promise is made.
    handedChat: '已转交在线客服，您的问题和摘要已经交给他们。',
    caseReference: (reference) => `您的服务单号：${reference}`,
    handedPhone: (number) => `摘要已转交。请拨打 ${number}，客服可以看到您的问题。`,
    handedCallback: '回电请求已转交，客服会拨打您留下的号码。',
    handedEmail: '摘要已准备好，点击下面的链接用邮件发送。',
    handedNowhere: '这个网站没有配置自动转交，请用下面的方式直接联系客服。',
    call: (number) => `拨打 ${number}`,
    sendEmail: (address) => `发邮件到 ${address}`,
    emailSubject: '帮助请求',
    failed: '帮助内容暂时无法加载。您仍然可以直接联系客服：',
    failedNoChannels: '帮助内容暂时无法加载，请通过本网站的客服页面联系我们。',
    errorGeneric: '出了点问题，请再试一次，或者联系人工客服。',
    contentUnavailable: '部分帮助内容没能加载（可能是网络断了）。请稍后再试，或者直接联系我们：',
    emptyQuery: '请先输入您的问题',
    // The conversation with an agent, after a chat handoff to a desk (views/chat.js).
    chatTitle: '与客服的对话',
    chatWaiting: '正在等待客服接入。您可以先留言，客服接入后会看到。',
    chatWithAgent: '客服已接入，正在为您处理。',
    chatClosed: '这次对话已结束。还有问题可以重新提问或联系客服。',
    chatAgent: '客服',
    chatYou: '您',
    chatLabel: '给客服留言',
    chatSend: '发送',
    chatSendFailed: '消息没有发出去，请再试一次。',
    chatReconnecting: '与客服的连接断了，正在重新连接…',
    chatGone: '找不到这次对话了，请重新联系客服。',
    chatNewReply: '客服回复了您，点击“联系人工客服”查看。',
    chatBack: '回到与客服的对话',
  },
  'zh-Hant': {
    launcher: '幫助',
    title: '幫助中心',
    close: '關閉幫助',
    contactPerson: '聯絡真人客服',
    inputLabel: '您的問題',
    placeholder: '例如：我的包裹到哪了？',
    askButton: '提問',
    hintsLabel: '輸入提示',
    hintCount: (n) => (n ? `有 ${n} 條提示，用上下方向鍵選擇` : '沒有提示'),
    loading: '正在載入幫助內容…',
    loadingProgress: (percent) => `正在載入幫助內容… ${percent}%`,
    ready: '幫助內容已就緒',
    topicsTitle: '您可能想問',
    answerFound: '為您找到以下答案',
    clarifyStatus: '請選擇最接近的情況',
    noneOfThese: '都不是，聯絡真人客服',
    escalateStatus: '建議聯絡真人客服',
    reasons: {
      explicit_request: '好的，為您轉接真人客服。',
      urgent: '這件事需要馬上處理，請現在就聯絡客服。',
      human_only: '這個問題需要客服了解您的具體情況後才能處理。',
      emotional: '很抱歉讓您有這樣不好的經歷。我們請客服直接來幫您解決。',
      repeated: '很抱歉，這個問題一直沒能解決。我們請客服接著幫您處理，您不用從頭再說一遍。',
      out_of_scope: '我們的幫助文章裡還沒有這個問題的答案，客服可以幫您看看。',
    },
    related: '相關文章',
    backToAnswers: '返回',
    helpedQuestion: '這篇文章有幫助嗎？',
    helpedYes: '有幫助',
    helpedNo: '沒幫助',
    thanks: '謝謝您的回饋！',
    sorry: '抱歉沒能幫到您。可以換個說法再問，或者聯絡真人客服。',
    channelsTitle: '聯絡真人客服',
    channelsIntro: '選擇一種方式，我們會把您的問題摘要轉交給客服，您不用再重複描述。',
    recommended: '推薦',
    openNow: '現在可用',
    closedUntil: (when) => `已下班，${when} 開始服務`,
    closedToday: (time) => `今天 ${time}`,
    closedTomorrow: (time) => `明天 ${time}`,
    closedOn: (day, time) => `${day} ${time}`,
    days: ['週日', '週一', '週二', '週三', '週四', '週五', '週六'],
    summaryTitle: '將轉交給客服的摘要',
    summaryMasked: '請確認以下內容。其中的電話號碼、電子郵件、身分證號、銀行卡號和詳細地址（街道和門牌號）已遮蓋，客服看到的就是這樣。',
    summaryIncluded: '請確認以下內容。依本網站的設定，您輸入的電話、電子郵件、證件號碼、卡號和地址會原樣轉交給客服。',
    summaryAsked: (n) => (n > 1 ? `您問了這 ${n} 個問題：` : '您的問題是：'),
    summaryNothingAsked: '您還沒有寫下具體的問題，可以在聯絡客服時再說明。',
    summaryTopic: (label) => `看起來是關於「${label}」的問題。`,
    summaryRead: (titles) => `您看過${titles.map((title) => `《${title}》`).join('')}。`,
    summaryNotHelped: (titles, all) => (all && titles.length === 1 ? '這篇文章沒有解決您的問題。'
      : all ? '這些文章都沒有解決您的問題。' : `其中${titles.map((title) => `《${title}》`).join('')}沒有解決您的問題。`),
    summaryReadNothing: '您還沒有看過相關的幫助文章。',
    summaryWants: {
      chat: '您希望線上客服幫您處理。',
      phone: '您準備打客服專線，和客服直接通話。',
      callback: '您希望客服打電話給您。',
      email: '您準備寄電子郵件給客服。',
    },
    callbackPhone: '回電號碼',
    callbackTime: '方便接聽的時間（選填）',
    callbackInvalid: '請輸入有效的電話號碼',
    confirm: '確認並轉交',
    cancel: '返回',
    handedChat: '已轉交線上客服，您的問題和摘要已經交給他們。',
    caseReference: (reference) => `您的服務單號：${reference}`,
    handedPhone: (number) => `摘要已轉交。請撥打 ${number}，客服可以看到您的問題。`,
    handedCallback: '回電請求已轉交，客服會撥打您留下的號碼。',
    handedEmail: '摘要已準備好，點擊下面的連結用電子郵件寄出。',
    handedNowhere: '這個網站沒有設定自動轉交，請用下面的方式直接聯絡客服。',
    call: (number) => `撥打 ${number}`,
    sendEmail: (address) => `寄信到 ${address}`,
    emailSubject: '幫助請求',
    failed: '幫助內容暫時無法載入。您仍然可以直接聯絡客服：',
    failedNoChannels: '幫助內容暫時無法載入，請透過本網站的客服頁面聯絡我們。',
    errorGeneric: '出了點問題，請再試一次，或者聯絡真人客服。',
    contentUnavailable: '部分幫助內容沒能載入（可能是網路斷了）。請稍後再試，或者直接聯絡我們：',
    emptyQuery: '請先輸入您的問題',
    chatTitle: '與客服的對話',
    chatWaiting: '正在等待客服接入。您可以先留言，客服接入後會看到。',
    chatWithAgent: '客服已接入，正在為您處理。',
    chatClosed: '這次對話已結束。還有問題可以重新提問或聯絡客服。',
    chatAgent: '客服',
    chatYou: '您',
    chatLabel: '給客服留言',
    chatSend: '傳送',
    chatSendFailed: '訊息沒有送出，請再試一次。',
    chatReconnecting: '與客服的連線中斷了，正在重新連線…',
    chatGone: '找不到這次對話了，請重新聯絡客服。',
    chatNewReply: '客服回覆了您，點選「聯絡真人客服」查看。',
    chatBack: '回到與客服的對話',
  },
  en: {
    launcher: 'Help',
    title: 'Help',
    close: 'Close help',
    contactPerson: 'Talk to a person',
    inputLabel: 'Your question',
    placeholder: 'e.g. where is my parcel?',
    askButton: 'Ask',
    hintsLabel: 'Suggestions',
    hintCount: (n) => (n ? `${n} suggestion${n === 1 ? '' : 's'}, use the up and down arrows to choose` : 'No suggestions'),
    loading: 'Loading help…',
    loadingProgress: (percent) => `Loading help… ${percent}%`,
    ready: 'Help is ready',
    topicsTitle: 'You may be asking about',
    answerFound: 'Here is what we found',
    clarifyStatus: 'Choose the closest match',
    noneOfThese: 'None of these: talk to a person',
    escalateStatus: 'A person can help with this',
    reasons: {
      explicit_request: 'Of course: here is how to reach a person.',
      urgent: 'This needs attention right away. Please get in touch now.',
      human_only: 'This needs someone to look at your case in person.',
      emotional: 'We are sorry this has been so frustrating. A person will help you sort it out.',
      repeated: 'Sorry this is still not solved. A person will take it from here, so you do not have to explain it all again.',
      out_of_scope: 'Our help articles do not answer this yet, but a person can look into it.',
    },
    related: 'Related articles',
    backToAnswers: 'Back',
    helpedQuestion: 'Did this help?',
    helpedYes: 'Yes',
    helpedNo: 'No',
    thanks: 'Thanks for your feedback!',
    sorry: 'Sorry this did not help. Try asking another way, or talk to a person.',
    channelsTitle: 'Talk to a person',
    channelsIntro: 'Pick a way to reach us. We pass a summary of your question on, so you do not have to repeat it.',
    recommended: 'Recommended',
    openNow: 'Available now',
    closedUntil: (when) => `Closed, opens ${when}`,
    closedToday: (time) => `today at ${time}`,
    closedTomorrow: (time) => `tomorrow at ${time}`,
    closedOn: (day, time) => `${day} at ${time}`,
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    summaryTitle: 'The summary we will pass on',
    summaryMasked: 'Please check it. Phone numbers, email addresses, ID and card numbers and street addresses in it are masked: this is what the agent sees.',
    summaryIncluded: 'Please check it. As this site is set up, the phone numbers, emails, ID and card numbers and addresses you typed are passed on as you wrote them.',
    summaryAsked: (n) => (n > 1 ? `You asked these ${n} questions:` : 'You asked:'),
    summaryNothingAsked: 'You have not described the problem yet; you can do so when you are in touch.',
    summaryTopic: (label) => `It looks like it is about “${label}”.`,
    summaryRead: (titles) => `You read ${listed(titles.map((title) => `“${title}”`))}.`,
    summaryNotHelped: (titles, all) => (all && titles.length === 1 ? 'It did not solve your problem.'
      : all ? 'None of them solved your problem.' : `${listed(titles.map((title) => `“${title}”`))} did not solve your problem.`),
    summaryReadNothing: 'You have not read any of our help articles on this yet.',
    summaryWants: {
      chat: 'You would like a person to help you over live chat.',
      phone: 'You are going to call us and talk it through with a person.',
      callback: 'You would like us to call you back.',
      email: 'You are going to email us.',
    },
    callbackPhone: 'Number to call back',
    callbackTime: 'A good time to call (optional)',
    callbackInvalid: 'Please enter a valid phone number',
    confirm: 'Confirm and send',
    cancel: 'Back',
    handedChat: 'Passed to live chat: your question and its summary are with them.',
    caseReference: (reference) => `Your case number: ${reference}`,
    handedPhone: (number) => `Summary passed on. Call ${number}; the agent will see your question.`,
    handedCallback: 'Callback request passed on: an agent will call the number you gave.',
    handedEmail: 'Your summary is ready: use the link below to send it by email.',
    handedNowhere: 'This site does not pass summaries on automatically. Please contact us directly:',
    call: (number) => `Call ${number}`,
    sendEmail: (address) => `Email ${address}`,
    emailSubject: 'Help request',
    failed: 'Help could not be loaded right now. You can still contact us directly:',
    failedNoChannels: 'Help could not be loaded right now. Please use this site\'s contact page.',
    errorGeneric: 'Something went wrong. Please try again, or talk to a person.',
    contentUnavailable: 'Part of the help content could not be loaded (the connection may be down). Try again in a moment, or contact us:',
    emptyQuery: 'Please type your question first',
    chatTitle: 'Your conversation with us',
    chatWaiting: 'Waiting for an agent to join. You can write now; they will see it when they do.',
    chatWithAgent: 'An agent has joined and is looking into it.',
    chatClosed: 'This conversation has ended. Ask again or contact us if you need more help.',
    chatAgent: 'Agent',
    chatYou: 'You',
    chatLabel: 'Message to the agent',
    chatSend: 'Send',
    chatSendFailed: 'Your message was not sent. Please try again.',
    chatReconnecting: 'The connection to the agent dropped. Reconnecting…',
    chatGone: 'This conversation can no longer be found. Please contact us again.',
    chatNewReply: 'The agent replied: choose "Talk to a person" to read it.',
    chatBack: 'Back to your conversation',
  },
};

/** The widget's own strings for `locale` (fallbackLocale's rule for a locale it does not speak). */
export function strings(locale) {
  return STRINGS[fallbackLocale(Object.keys(STRINGS), locale)];
}
