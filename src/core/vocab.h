// Fixed vocabularies of the roster (certificate levels, gender, needs, workstation types) and the
// spellings accepted for them in rosters and on the command line. Roles and session states are in
// core/policy.h.
#pragma once

#include <optional>
#include <QString>
#include <QStringList>

namespace examsite {

/// Canonical level: "初级", "中级" or "高级". Accepts those, "elementary"/"junior", "intermediate",
/// "advanced"/"senior" (any case) and "1"/"2"/"3".
std::optional<QString> normaliseLevel(const QString &text);
QStringList levelSpellings();

/// Canonical gender: "M" or "F". Accepts 男/女, M/F, male/female (any case).
std::optional<QString> normaliseGender(const QString &text);
QString genderDisplay(const QString &canonical); ///< "男" or "女"

/// Accessibility needs a candidate may have; stored comma-separated. Accepts "accessible" / "无障碍".
std::optional<QString> normaliseNeed(const QString &text);

/// Workstation types are free lowercase words ("pc", "robot"); this checks the spelling.
bool isWorkstationType(const QString &text);

} // namespace examsite
