// The small site the view-model and QML tests start from, instead of the demo site: built through the
// services as its signed-in administrator, with figures a test can state.
#pragma once

#include <QString>

namespace examsite {

class Database;

/// The session of the test site.
inline const QString kTestSession = QStringLiteral("S1");

/// What a test may add to the test site; the defaults are the site buildTestSite() describes.
struct TestSiteOptions
{
    /// Candidates 2026020001 to 20260200NN (at most 99), each with a photo and the ID number
    /// 11010120000101NNN + its check character, named 考生N; the first three of 示范职业技术学院, the others
    /// of 城市信息职业学院.
    int candidates = 6;
    /// A third room, A103 (三号机房, 6 x 6, the size of the demo's rooms, row-major, seat [0,0] accessible,
    /// [4,4] out of use), with its two simulated cameras A103-cam-1 and A103-cam-2.
    bool thirdRoom = false;
    /// One more simulated camera, "<last room>-covered", whose lens is covered all the time, so the
    /// feed wall raises a "tampered" alert about two seconds after it starts.
    bool coveredCamera = false;
    /// The scoring sheet: one practical task of 100 points, pass mark 60, defined by the administrator.
    bool scoringSheet = false;
};

/// Builds on an empty store: session S1 open for check-in all day today; room A101 (4 x 5, row-major:
/// seat [0,0] accessible, [1,4] out of use, [3,3] a robot bench) and A102 (3 x 4); six candidates
/// 2026020001-6 with photos, the first three of 示范职业技术学院 and the others of 城市信息职业学院,
/// seated by the real allocation; the accounts admin, proctor, evaluator and tech (passwords admin1234,
/// proctor1234, evaluator1234, tech12345); two simulated cameras per room (A101-cam-1, …). `options`
/// change the number of candidates and add a room, a covered camera and a scoring sheet.
void buildTestSite(Database &db, const TestSiteOptions &options = {});

} // namespace examsite
