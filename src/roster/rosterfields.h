// The roster's columns: canonical field, accepted header spellings (Chinese and English), and which are
// required. docs/roster-format.md is the user-facing version of this table.
#pragma once

#include <array>
#include <optional>
#include <QString>
#include <QStringList>

namespace examsite {

enum class RosterField {
    Ticket,
    Name,
    IdNumber,
    Gender,
    School,
    Class,
    Major,
    Certificate,
    Level,
    Photo,
    Needs,
    Workstation,
};
inline constexpr int kRosterFieldCount = 12;

struct RosterFieldInfo
{
    RosterField field;
    const char16_t *chinese; ///< header written on export and shown in messages
    const char *english;     ///< JSON key and English header
    bool required;
    int maxLength;
    QStringList aliases; ///< further accepted spellings (matched case-insensitively)
};

const std::array<RosterFieldInfo, kRosterFieldCount> &rosterFields();
const RosterFieldInfo &rosterField(RosterField f);
/// Maps a header cell or JSON key to its field; trims and ignores case and inner spaces.
std::optional<RosterField> rosterFieldForHeader(const QString &header);

} // namespace examsite
