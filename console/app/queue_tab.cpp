// The Queue tab (see queue_tab.h): layout only; what the desk says and does
// is firstline/console/desk_session.h's.
#include "queue_tab.h"

#include "firstline/console/format.h"
#include "firstline/console/handoff.h"
#include "misc/cpp/imgui_stdlib.h"

namespace firstline::console {

namespace {

std::string status_line(const QueueEntry& e) {
  if (e.status == "claimed") return "claimed by " + e.claimed_by;
  return e.status;
}

}  // namespace

bool QueueTab::take_text(const std::string& text) {
  bool grew = false;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >> 5 == 6 ? 2 : lead >> 4 == 14 ? 3 : lead >> 3 == 30 ? 4 : 1;
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (cp >= 0x80 && seen_.insert(cp).second) {
      seen_text_.append(text, i, length);
      grew = true;
    }
    i += length;
  }
  return grew;
}

bool QueueTab::poll(const Catalogue* catalogue) {
  if (!desk_) return false;
  desk_->poll();
  bool grew = take_text(reply_);
  if (desk_->generation() == seen_generation_) return grew;
  seen_generation_ = desk_->generation();
  for (const auto& e : desk_->queue()) grew |= take_text(e.summary + e.claimed_by);
  if (const auto& c = desk_->open_case()) {
    for (const auto& m : c->messages) grew |= take_text(m.text);
    grew |= take_text(c->promise_text + c->contact_time);
    // Read again only when what the glance shows changed (not for each new message: the article being read stays).
    const std::string key = c->entry.reference + "\n" + c->entry.status + "\n" + c->handoff_json;
    if (key != glance_for_) {
      glance_for_ = key;
      glance_.load(c->case_json, catalogue);  // the desk's case, as the Handoff tab reads it
      grew |= take_text(c->handoff_json);
    }
  }
  return grew;
}

void QueueTab::draw(const ViewFonts& fonts, const ViewContext* context) {
  if (!desk_) {
    wrapped(kMuted, "No handoff desk: start the console with --desk http://HOST:PORT (desk/README.md) to take cases from its queue. "
                    "Search, Handoff and Editor work without one.");
    return;
  }
  if (desk_->state() != DeskSession::State::signed_in) return draw_sign_in(fonts);
  text(kGood, "Signed in as " + desk_->agent());
  ImGui::SameLine();
  text(kMuted, "at " + (desk_->desk_url().empty() ? std::string("this site's desk") : desk_->desk_url()));
  ImGui::SameLine();
  if (ImGui::SmallButton("Sign out")) {
    desk_->sign_out();
    return;
  }
  mark("sign out");
  if (!desk_->error().empty()) wrapped(kError, desk_->error());
  else if (!desk_->notice().empty()) text(kMuted, desk_->notice());
  ImGui::Separator();
  const float left = ImGui::GetContentRegionAvail().x * 0.34f;
  ImGui::BeginChild("queue", ImVec2(left, 0), true);
  draw_queue();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("desk case", ImVec2(0, 0), false);
  draw_case(fonts, context);
  ImGui::EndChild();
}

void QueueTab::draw_sign_in(const ViewFonts& fonts) {
  ImGui::PushFont(fonts.heading);
  text("Sign in to the handoff desk");
  ImGui::PopFont();
  text(kMuted, desk_->desk_url().empty() ? std::string("The desk serving this page") : desk_->desk_url());
  ImGui::Spacing();
  ImGui::SetNextItemWidth(280);
  ImGui::InputText("Agent name", &name_);
  mark("agent name");
  ImGui::SetNextItemWidth(280);
  const bool enter = ImGui::InputText("Password", &password_, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  mark("password");
  const bool signing_in = desk_->state() == DeskSession::State::signing_in;
  if ((ImGui::Button(signing_in ? "Signing in…" : "Sign in") || enter) && !signing_in) {
    desk_->sign_in(name_, password_);
    password_.clear();
  }
  mark("sign in");
  if (!desk_->error().empty()) wrapped(kError, desk_->error());
  else if (!desk_->notice().empty()) text(kMuted, desk_->notice());
}

void QueueTab::draw_queue() {
  const auto& queue = desk_->queue();
  text(kHighlight, "Open cases (" + std::to_string(queue.size()) + ")");
  ImGui::SameLine();
  text(kMuted, "live");
  if (queue.empty()) {
    wrapped(kMuted, "No open case. New ones appear here as customers hand off.");
    return;
  }
  const std::string open = desk_->open_case() ? desk_->open_case()->entry.reference : "";
  for (const auto& e : queue) {
    ImGui::PushID(e.reference.c_str());
    text(level_colour(e.problem_level), "L" + std::to_string(e.problem_level));
    ImGui::SameLine();
    if (e.urgent || e.emotional) {
      text(e.urgent ? kError : kWarning, e.urgent ? "URGENT" : "UPSET");
      ImGui::SameLine();
    }
    const std::string row = e.reference + " · " + e.channel + " · " + waiting_time(desk_->waiting_seconds(e)) + " · " + status_line(e);
    if (ImGui::Selectable(row.c_str(), e.reference == open)) desk_->open_case(e.reference);
    mark("case " + e.reference);
    ImGui::PushTextWrapPos(0.0f);
    text(kMuted, shown_at_most(e.summary, 160));
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    ImGui::PopID();
  }
}

void QueueTab::draw_case(const ViewFonts& fonts, const ViewContext* context) {
  const auto& found = desk_->open_case();
  if (!found) {
    wrapped(kMuted, "Pick a case from the queue to read it.");
    return;
  }
  const DeskCase& c = *found;
  ImGui::PushFont(fonts.heading);
  text(level_colour(c.entry.problem_level), "L" + std::to_string(c.entry.problem_level));
  ImGui::SameLine();
  text(c.entry.reference);
  ImGui::SameLine();
  text(kMuted, c.entry.channel + " · " + status_line(c.entry) + (c.outcome.empty() ? "" : " · " + c.outcome));
  ImGui::PopFont();
  if (!c.contact_phone.empty())
    text(kHighlight, "Call back " + c.contact_phone + (c.contact_time.empty() ? "" : " (" + c.contact_time + ")"));
  if (!c.promise_text.empty()) wrapped(kMuted, "Promised: " + c.promise_text);

  const bool busy = desk_->busy();
  const bool closed = c.entry.status == "closed";
  if (!closed && !desk_->case_is_mine()) {
    ImGui::BeginDisabled(busy || c.entry.status == "claimed");
    if (ImGui::Button("Claim the case")) desk_->claim();
    mark("claim");
    ImGui::EndDisabled();
  }
  if (desk_->case_is_mine()) {
    ImGui::SetNextItemWidth(160);
    const auto& outcomes = case_outcomes();
    if (ImGui::BeginCombo("##outcome", outcomes[static_cast<std::size_t>(outcome_)].c_str())) {
      for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (ImGui::Selectable(outcomes[i].c_str(), static_cast<int>(i) == outcome_)) outcome_ = static_cast<int>(i);
        mark("outcome " + outcomes[i]);
      }
      ImGui::EndCombo();
    }
    mark("outcome");
    ImGui::SameLine();
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Close the case")) desk_->close(outcomes[static_cast<std::size_t>(outcome_)]);
    mark("close");
    ImGui::EndDisabled();
  }

  text(kHighlight, "Conversation");
  ImGui::BeginChild("messages", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 6), true);
  if (c.messages.empty()) text(kMuted, "No message yet.");
  for (const auto& m : c.messages) {
    text(m.from == "agent" ? kGood : kHighlight, (m.from == "agent" ? "agent  " : "customer  ") + m.at.substr(11, 5) + " UTC");
    wrapped(m.text);  // customer text is data: ImGui draws it as text, never as markup
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (desk_->case_is_mine()) {
    ImGui::InputTextMultiline("##reply", &reply_, ImVec2(-110, ImGui::GetTextLineHeight() * 2.6f));
    mark("reply");
    ImGui::SameLine();
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Send reply", ImVec2(100, 0))) {
      desk_->reply(reply_);
      reply_.clear();
    }
    mark("send reply");
    ImGui::EndDisabled();
  }
  ImGui::Separator();
  if (context) glance_.draw_case_only(*context);
  else wrapped(kMuted, "The case at a glance appears once the agent index is loaded.");
}

}  // namespace firstline::console
