// The small site the view-model and QML tests start from, instead of the demo site: built through the
// services as its signed-in administrator, with figures a test can state.
#pragma once

#include <QString>

namespace examsite {

class Database;

/// The session of the test site.
inline const QString kTestSession = QStringLiteral("S1");

/// Builds on an empty store: session S1 open for check-in all day today; room A101 (4 x 5, row-major:
/// seat [0,0] accessible, [1,4] out of use, [3,3] a robot bench) and A102 (3 x 4); six candidates
/// 2026020001-6 with photos, the first three of 示范职业技术学院 and the others of 城市信息职业学院,
/// seated by the real allocation; the accounts admin, proctor, evaluator and tech (passwords admin1234,
/// proctor1234, evaluator1234, tech12345); two simulated cameras per room (A101-cam-1, …).
void buildTestSite(Database &db);

} // namespace examsite
