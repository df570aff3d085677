#include "phrases.h"

#include "firstline/locale.h"

namespace firstline {

namespace {

struct Texts {
  const char* zh_hans;
  const char* zh_hant;
  const char* en;
};

std::string in_locale(const Texts& texts, std::string_view locale) {
  return localized({{"zh-Hans", texts.zh_hans}, {"zh-Hant", texts.zh_hant}, {"en", texts.en}}, locale);
}

}  // namespace

std::string phrase(Phrase which, std::string_view locale) {
  switch (which) {
    case Phrase::clarify:
      return in_locale({"您想问的是哪一种情况？", "您想問的是哪一種情況？", "Which of these do you mean?"}, locale);
    case Phrase::topics:
      return in_locale({"您需要哪方面的帮助？", "您需要哪方面的協助？", "What do you need help with?"}, locale);
    case Phrase::greeting:
      return in_locale({"您好！您需要哪方面的帮助？", "您好！您需要哪方面的協助？", "Hello! What do you need help with?"},
                       locale);
    case Phrase::thanks:
      return in_locale({"不客气！还有其他可以帮您的吗？", "不客氣！還有其他可以幫您的嗎？",
                        "You're welcome! Is there anything else I can help with?"},
                       locale);
  }
  return "";
}

std::string reason_explanation(EscalationReason reason, std::string_view locale) {
  switch (reason) {
    case EscalationReason::explicit_request:
      return in_locale({"客户要求人工服务", "客戶要求真人服務", "The customer asked for a person"}, locale);
    case EscalationReason::urgent:
      return in_locale({"紧急情况（关键时刻），需要立即由人处理", "緊急情況（關鍵時刻），需要立即由專人處理",
                        "An urgent moment of truth that needs a person now"},
                       locale);
    case EscalationReason::human_only:
      return in_locale({"该问题只能由人工处理", "此問題只能由專人處理", "Only a person may handle this topic"}, locale);
    case EscalationReason::emotional:
      return in_locale({"客户情绪激动，需要安抚", "客戶情緒激動，需要安撫", "The customer is upset and needs a person"},
                       locale);
    case EscalationReason::repeated:
      return in_locale({"同一问题多次询问仍未解决", "同一問題多次詢問仍未解決",
                        "The same problem was asked several times without a solution"},
                       locale);
    case EscalationReason::out_of_scope:
      return in_locale({"知识库中没有可靠的答案", "知識庫中沒有可靠的答案", "The knowledge base has no confident answer"},
                       locale);
  }
  return "";
}

}  // namespace firstline
