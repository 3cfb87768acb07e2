#include "seating/seatprinter.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "core/iprinters.h"
#include "core/privatefile.h"
#include "seating/ticketcode.h"

#include <algorithm>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTimeZone>

namespace examsite::seating {

namespace {

constexpr int kPdfDpi = 300;
const QColor kInk(0x1f, 0x29, 0x37);
const QColor kMuted(0x64, 0x74, 0x8b);
const QColor kLine(0x94, 0xa3, 0xb8);

/// Where pages go: a PDF writer, or a list of images.
class PageTarget
{
public:
    virtual ~PageTarget() = default;
    virtual void newPage() = 0;
};

/// Drawing in millimetres on any paint device, fonts in points.
class Canvas
{
public:
    Canvas(QPainter &p, double dpi) : m_p(p), m_dpi(dpi) { m_p.setRenderHint(QPainter::Antialiasing); }
    QPainter &painter() { return m_p; }
    double mm(double v) const { return v * m_dpi / 25.4; }
    QRectF rect(double x, double y, double w, double h) const { return {mm(x), mm(y), mm(w), mm(h)}; }

    QFont font(double pt, bool bold = false, bool mono = false) const
    {
        QFont f(mono ? QStringLiteral("Noto Sans Mono CJK SC") : QStringLiteral("Noto Sans CJK SC"));
        f.setPointSizeF(pt);
        f.setBold(bold);
        return f;
    }
    /// The width of `s` in millimetres.
    double width(const QString &s, double pt, bool bold = false) const
    {
        return QFontMetricsF(font(pt, bold), m_p.device()).horizontalAdvance(s) * 25.4 / m_dpi;
    }
    /// `left` and `right` on one line of the box, never overlapping: the right text at its natural
    /// width (at most `rightShare` of the box, shrunk to `minPt` and elided beyond), the left one in
    /// what remains after a 4 mm gap (shrunk to `minPt`, then elided).
    void row(double x, double y, double w, double h, const QString &left, double leftPt, const QString &right,
             double rightPt, bool bold = false, const QColor &color = kMuted, double minPt = 0,
             double rightShare = 0.5)
    {
        double rw = 0;
        if (!right.isEmpty()) {
            rw = std::min(width(right, rightPt, bold) + 0.5, w * rightShare);
            text(x + w - rw, y, rw, h, right, rightPt, Qt::AlignRight | Qt::AlignVCenter, bold, color,
                 minPt > 0 ? minPt : rightPt);
            rw += 4;
        }
        if (!left.isEmpty())
            text(x, y, w - rw, h, left, leftPt, Qt::AlignLeft | Qt::AlignVCenter, bold, color,
                 minPt > 0 ? minPt : leftPt);
    }
    /// Text in a box (millimetres), shrunk to fit the width down to `minPt`, elided below that.
    void text(double x, double y, double w, double h, const QString &s, double pt,
              int flags = Qt::AlignLeft | Qt::AlignVCenter, bool bold = false, const QColor &color = kInk,
              double minPt = 0, bool mono = false)
    {
        QFont f = font(pt, bold, mono);
        const QRectF box = rect(x, y, w, h);
        QString shown = s;
        // Wrapped text flows into the box's lines; other text is one line per '\n', each shrunk to fit.
        const auto widest = [&](const QFont &font) {
            const QFontMetricsF fm(font, m_p.device());
            double most = 0;
            for (const QString &line : s.split(u'\n'))
                most = std::max(most, fm.horizontalAdvance(line));
            return most;
        };
        if (!(flags & Qt::TextWordWrap)) {
            if (minPt > 0)
                while (f.pointSizeF() > minPt && widest(f) > box.width())
                    f.setPointSizeF(std::max(minPt, f.pointSizeF() * 0.9));
            const QFontMetricsF fm(f, m_p.device());
            if (!s.contains(u'\n') && fm.horizontalAdvance(shown) > box.width())
                shown = fm.elidedText(s, Qt::ElideRight, box.width());
        }
        m_p.setFont(f);
        m_p.setPen(color);
        m_p.drawText(box, flags, shown);
    }
    void box(double x, double y, double w, double h, const QColor &fill, const QColor &stroke = kLine,
             double strokeMm = 0.25, double radiusMm = 0)
    {
        m_p.setPen(stroke.isValid() ? QPen(stroke, mm(strokeMm)) : QPen(Qt::NoPen));
        m_p.setBrush(fill.isValid() ? QBrush(fill) : QBrush(Qt::NoBrush));
        if (radiusMm > 0)
            m_p.drawRoundedRect(rect(x, y, w, h), mm(radiusMm), mm(radiusMm));
        else
            m_p.drawRect(rect(x, y, w, h));
    }
    void line(double x1, double y1, double x2, double y2, const QColor &c = kLine, double widthMm = 0.25,
              Qt::PenStyle style = Qt::SolidLine)
    {
        m_p.setPen(QPen(c, mm(widthMm), style));
        m_p.drawLine(QPointF(mm(x1), mm(y1)), QPointF(mm(x2), mm(y2)));
    }
    void image(double x, double y, double w, double h, const QImage &img)
    {
        const QRectF target = rect(x, y, w, h);
        if (img.isNull()) {
            box(x, y, w, h, QColor(0xf1, 0xf5, 0xf9));
            text(x, y, w, h, QStringLiteral("无照片"), 7, Qt::AlignCenter, false, kMuted);
            return;
        }
        // Cover the box, cropping the longer side, so every photo has the same frame.
        const QSizeF scaled = QSizeF(img.size()).scaled(target.size(), Qt::KeepAspectRatioByExpanding);
        const QRectF source((scaled.width() - target.width()) / 2 * img.width() / scaled.width(),
                            (scaled.height() - target.height()) / 2 * img.height() / scaled.height(),
                            target.width() * img.width() / scaled.width(),
                            target.height() * img.height() / scaled.height());
        m_p.drawImage(target, img, source);
        m_p.setPen(QPen(kLine, mm(0.2)));
        m_p.setBrush(Qt::NoBrush);
        m_p.drawRect(target);
    }

private:
    QPainter &m_p;
    double m_dpi;
};

QString sessionLine(const PrintJob &job)
{
    const ExamSession &s = job.session;
    return QStringLiteral("%1（%2） · %3 %4–%5 · 入场截止 %6 · %7 · %8")
        .arg(s.certificate, s.level, s.date, s.startsAt, s.endsAt, s.lateCutoff, s.code, job.siteName);
}

QString roomTitle(const Room &r)
{
    return r.name.isEmpty() || r.name == r.code ? r.code : QStringLiteral("%1（%2）").arg(r.name, r.code);
}

/// Where the footer's rule is, above the bottom edge; page content ends above it.
constexpr double kFootRule = 15;

void header(Canvas &c, const PrintJob &job, double width, const QString &title, const QString &room,
            const QString &page)
{
    c.row(12, 10, width - 24, 10, title, 18, room, 16, true, kInk, 11);
    c.row(12, 20, width - 24, 6, sessionLine(job), 9, page, 9, false, kMuted, 6.5);
    c.line(12, 27, width - 12, 27, kInk, 0.4);
}

/// The foot of a page under a rule: the audit line (the allocation's seed and hashes, the revision) on a
/// line of its own, then `right` (counts, print time) right-aligned beside `left`. Text ends 5.5 mm
/// above the bottom edge, inside what printers can print.
void footer(Canvas &c, const PrintJob &job, double width, double height, const QString &right,
            const QString &left = {})
{
    c.line(12, height - kFootRule, width - 12, height - kFootRule);
    c.text(12, height - 14.5, width - 24, 4.5, job.footer, 6.5, Qt::AlignLeft | Qt::AlignVCenter, false,
           kMuted, 5);
    c.row(12, height - 10, width - 24, 4.5, left, 7, right, 7, false, kMuted, 5.5, 0.7);
}

/// When a document is printed, in the site's zone (the session's), as staff read the clock.
QString printedAt(const PrintJob &job)
{
    return QDateTime::currentDateTime()
        .toTimeZone(job.session.zone())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

void seatPlanPage(Canvas &c, const PrintJob &job, const RoomOccupancy &ro)
{
    const double W = 297, H = 210;
    header(c, job, W, QStringLiteral("座位表  Seat plan"), roomTitle(ro.room), QString());
    // Row 0 is the front row, nearest the podium at the top of the sheet.
    c.box(W / 2 - 45, 30, 90, 8, QColor(0xe2, 0xe8, 0xf0), kLine, 0.25, 1.5);
    c.text(W / 2 - 45, 30, 90, 8, QStringLiteral("讲台 · Front of the room"), 10, Qt::AlignCenter, true);
    const Room &r = ro.room;
    const double top = 41, bottom = H - kFootRule - 2, left = 12, right = W - 12;
    const double gap = r.cols > 30 ? 0.4 : 1.5;
    const double cell =
        std::min((right - left - gap * (r.cols - 1)) / r.cols, (bottom - top - gap * (r.rows - 1)) / r.rows);
    const double cw =
        std::min(cell * 1.6, (right - left - gap * (r.cols - 1)) / r.cols); // seats may be wider than tall
    const double x0 = left + (right - left - (cw * r.cols + gap * (r.cols - 1))) / 2;
    bool types = false;
    for (const SeatOccupancy &s : ro.seats)
        types = types || s.workstation != ro.seats.first().workstation;
    int usable = 0, outOfService = 0;
    for (const SeatOccupancy &s : ro.seats) {
        const double x = x0 + s.col * (cw + gap), y = top + s.row * (cell + gap);
        const bool small = cell < 9;
        if (s.disabled) {
            c.box(x, y, cw, cell, QColor(0xcb, 0xd5, 0xe1), kLine, 0.2, 1);
            if (!small)
                c.text(x, y, cw, cell, QStringLiteral("停用"), std::min(9.0, cell * 0.9), Qt::AlignCenter,
                       false, kMuted);
            continue;
        }
        if (s.outOfService)
            ++outOfService;
        else
            ++usable;
        const QColor fill = s.outOfService  ? QColor(0xfe, 0xe2, 0xe2)
                            : s.candidateId ? QColor(Qt::white)
                                            : QColor(0xf8, 0xfa, 0xfc);
        c.box(x, y, cw, cell, fill, s.accessible ? QColor(0x25, 0x63, 0xeb) : kLine,
              s.accessible ? 0.5 : 0.25, 1);
        const double numPt = std::clamp(cell * 0.55, 3.0, 9.0);
        c.text(x + 0.8, y + 0.3, cw - 1.6, std::min(5.0, cell * 0.35), QString::number(s.number), numPt,
               Qt::AlignLeft | Qt::AlignVCenter, true, kMuted);
        if (small && s.candidateId) {
            c.text(x, y + cell * 0.3, cw, cell * 0.7, s.name, std::clamp(cell * 0.5, 2.5, 8.0),
                   Qt::AlignCenter, false, kInk, 2.5);
            continue;
        }
        if (s.outOfService)
            c.text(x, y, cw, cell, QStringLiteral("故障停用"), std::min(9.0, cell * 0.7), Qt::AlignCenter,
                   true, QColor(0xb9, 0x1c, 0x1c));
        else if (s.candidateId) {
            c.text(x + 0.5, y + cell * 0.28, cw - 1, cell * 0.36, s.name, std::min(13.0, cell * 0.9),
                   Qt::AlignCenter, true, kInk, 5);
            c.text(x + 0.5, y + cell * 0.62, cw - 1, cell * 0.22, s.ticket, std::min(8.0, cell * 0.5),
                   Qt::AlignCenter, false, kMuted, 4);
        } else {
            c.text(x, y, cw, cell, QStringLiteral("空座"), std::min(9.0, cell * 0.6), Qt::AlignCenter, false,
                   kLine);
        }
        QStringList tags;
        if (s.accessible)
            tags << QStringLiteral("无障碍");
        if (types)
            tags << s.workstation;
        if (!tags.isEmpty())
            c.text(x + 0.8, y + cell * 0.8, cw - 1.6, cell * 0.2, tags.join(u' '), std::min(6.0, cell * 0.4),
                   Qt::AlignRight | Qt::AlignVCenter, false, QColor(0x25, 0x63, 0xeb));
    }
    QString counts = QStringLiteral("已排 %1 人 · 可用 %2 座").arg(ro.allocated).arg(usable);
    if (outOfService)
        counts += QStringLiteral(" · 故障停用 %1 座").arg(outOfService);
    footer(c, job, W, H, counts + QStringLiteral(" · 打印于 %1").arg(printedAt(job)));
}

QList<const SeatOccupancy *> occupiedSeats(const RoomOccupancy &ro, bool byTicket)
{
    QList<const SeatOccupancy *> out;
    for (const SeatOccupancy &s : ro.seats)
        if (s.candidateId)
            out.append(&s);
    std::sort(out.begin(), out.end(), [byTicket](const SeatOccupancy *a, const SeatOccupancy *b) {
        return byTicket ? a->ticket < b->ticket : a->number < b->number;
    });
    return out;
}

struct Column
{
    QString title;
    double width;
};

double tableHeader(Canvas &c, double y, const QList<Column> &cols, double rowH)
{
    double x = 12;
    c.box(12, y, 186, rowH, QColor(0xe2, 0xe8, 0xf0));
    for (const Column &col : cols) {
        c.text(x + 1.5, y, col.width - 3, rowH, col.title, 9, Qt::AlignLeft | Qt::AlignVCenter, true);
        x += col.width;
    }
    return y + rowH;
}

int doorListPages(Canvas &c, PageTarget *w, const PrintJob &job, const RoomOccupancy &ro, bool &first)
{
    const QList<const SeatOccupancy *> rows = occupiedSeats(ro, true);
    const double rowH = 6.6, top = 31, bottom = 297 - kFootRule - 1;
    const int perPage = int((bottom - top - rowH) / rowH);
    const int pages = std::max(1, int((rows.size() + perPage - 1) / perPage));
    const QList<Column> cols = {{QStringLiteral("序号"), 14},
                                {QStringLiteral("准考证号 Ticket"), 48},
                                {QStringLiteral("姓名 Name"), 54},
                                {QStringLiteral("座位号 Seat"), 30},
                                {QStringLiteral("工位 Workstation"), 40}};
    for (int page = 0; page < pages; ++page) {
        if (!first && w)
            w->newPage();
        first = false;
        header(c, job, 210, QStringLiteral("考场名单  Door list"), roomTitle(ro.room),
               QStringLiteral("第 %1/%2 页").arg(page + 1).arg(pages));
        double y = tableHeader(c, top, cols, rowH);
        for (int i = page * perPage; i < std::min<qsizetype>(rows.size(), (page + 1) * perPage); ++i) {
            const SeatOccupancy &s = *rows[i];
            if (i % 2)
                c.box(12, y, 186, rowH, QColor(0xf8, 0xfa, 0xfc), QColor());
            const QStringList cells = {QString::number(i + 1), s.ticket, s.name, QString::number(s.number),
                                       s.workstation};
            double x = 12;
            for (qsizetype k = 0; k < cols.size(); ++k) {
                c.text(x + 1.5, y, cols[k].width - 3, rowH, cells[k], k == 2 || k == 3 ? 11 : 10,
                       Qt::AlignLeft | Qt::AlignVCenter, k == 3);
                x += cols[k].width;
            }
            y += rowH;
        }
        if (rows.isEmpty())
            c.text(12, y + 4, 186, 8, QStringLiteral("本考场暂无考生 · No candidates seated in this room"),
                   10, Qt::AlignLeft, false, kMuted);
        footer(c, job, 210, 297, QStringLiteral("%1 人 · 打印于 %2").arg(rows.size()).arg(printedAt(job)));
    }
    return pages;
}

int signInPages(Canvas &c, PageTarget *w, const PrintJob &job, const RoomOccupancy &ro, bool &first)
{
    const QList<const SeatOccupancy *> rows = occupiedSeats(ro, false);
    // Under the table, above the footer: the attendance and the proctor's signature, to write on.
    const double rowH = 27, headH = 7, top = 31, signY = 297 - kFootRule - 10, bottom = signY - 1;
    const int perPage = int((bottom - top - headH) / rowH);
    const int pages = std::max(1, int((rows.size() + perPage - 1) / perPage));
    const QList<Column> cols = {{QStringLiteral("座位"), 16},     {QStringLiteral("照片"), 24},
                                {QStringLiteral("准考证号"), 38}, {QStringLiteral("姓名"), 32},
                                {QStringLiteral("身份证号"), 40}, {QStringLiteral("考生签名 Signature"), 36}};
    for (int page = 0; page < pages; ++page) {
        if (!first && w)
            w->newPage();
        first = false;
        header(c, job, 210, QStringLiteral("签到表  Sign-in sheet"), roomTitle(ro.room),
               QStringLiteral("第 %1/%2 页").arg(page + 1).arg(pages));
        double y = tableHeader(c, top, cols, headH);
        for (int i = page * perPage; i < std::min<qsizetype>(rows.size(), (page + 1) * perPage); ++i) {
            const SeatOccupancy &s = *rows[i];
            c.box(12, y, 186, rowH, QColor(), kLine, 0.2);
            double x = 12;
            c.text(x + 1.5, y, 13, rowH, QString::number(s.number), 14, Qt::AlignCenter, true);
            x += 16;
            c.image(x + 2.5, y + 1.5, 18, 24, job.photo ? job.photo(s.candidateId) : QImage());
            x += 24;
            c.text(x + 1.5, y, 35, rowH, s.ticket, 10);
            x += 38;
            c.text(x + 1.5, y, 29, rowH, s.name, 12, Qt::AlignLeft | Qt::AlignVCenter, true, kInk, 7);
            x += 32;
            c.text(x + 1.5, y, 37, rowH, maskIdNumber(s.idNumber), 9);
            x += 40;
            c.line(x + 3, y + rowH - 6, x + 33, y + rowH - 6, kLine, 0.2, Qt::DotLine);
            y += rowH;
        }
        c.text(
            12, signY, 186, 8,
            QStringLiteral("应到 %1 人 · 实到 ______ 人 · 监考员签名 ____________________").arg(rows.size()),
            10.5, Qt::AlignLeft | Qt::AlignVCenter, false, kInk);
        footer(c, job, 210, 297, QStringLiteral("打印于 %1").arg(printedAt(job)),
               QStringLiteral("Expected / present / proctor's signature"));
    }
    return pages;
}

/// One ticket in a 210 x 148.5 mm band whose top is at `y0`.
void ticket(Canvas &c, const PrintJob &job, const RoomOccupancy &ro, const SeatOccupancy &s, double y0)
{
    c.box(10, y0 + 8, 190, 132, QColor(), kInk, 0.4, 3);
    c.text(10, y0 + 11, 190, 11, QStringLiteral("准 考 证  Admission ticket"), 18, Qt::AlignCenter, true);
    c.text(10, y0 + 22, 190, 6,
           QStringLiteral("1+X 职业技能等级证书考核 · %1（%2） · %3")
               .arg(job.session.certificate, job.session.level, job.siteName),
           9, Qt::AlignCenter, false, kMuted);
    c.line(16, y0 + 30, 194, y0 + 30);
    c.image(18, y0 + 36, 30, 40, job.photo ? job.photo(s.candidateId) : QImage());
    const QList<std::pair<QString, QString>> fields = {
        {QStringLiteral("姓名"), s.name},
        {QStringLiteral("准考证号"), s.ticket},
        {QStringLiteral("身份证号"), maskIdNumber(s.idNumber)},
        {QStringLiteral("考场"), roomTitle(ro.room)},
        {QStringLiteral("座位号"), QString::number(s.number)},
        {QStringLiteral("考试时间"),
         QStringLiteral("%1 %2–%3").arg(job.session.date, job.session.startsAt, job.session.endsAt)},
        {QStringLiteral("入场截止"), job.session.lateCutoff},
        {QStringLiteral("场次"), job.session.code},
    };
    double y = y0 + 34;
    for (const auto &[label, value] : fields) {
        c.text(54, y, 22, 7.5, label, 9.5, Qt::AlignLeft | Qt::AlignVCenter, false, kMuted);
        c.text(76, y, 66, 7.5, value, label == u"姓名" || label == u"座位号" ? 13 : 11,
               Qt::AlignLeft | Qt::AlignVCenter, label == u"姓名" || label == u"座位号", kInk, 7);
        y += 7.5;
    }
    if (job.ticketCode) {
        paintQr(c.painter(), c.rect(146, y0 + 34, 46, 46), encodeQr(job.ticketCode(s.ticket)));
        c.text(146, y0 + 80, 46, 5, QStringLiteral("签到二维码 · Check-in code"), 7.5, Qt::AlignCenter, false,
               kMuted);
    }
    c.line(16, y0 + 99, 194, y0 + 99);
    c.text(18, y0 + 100, 176, 6, QStringLiteral("考生须知"), 9, Qt::AlignLeft | Qt::AlignVCenter, true);
    const QStringList notes = {
        QStringLiteral(
            "1. "
            "凭本准考证和有效身份证件入场，在签到终端出示二维码或输入准考证号，完成人脸核验后按座位号就座。"),
        QStringLiteral("2. %1 后不得入场；考试开始后请勿离开座位，如设备故障请举手示意监考员调换座位。")
            .arg(job.session.lateCutoff),
        QStringLiteral("3. 禁止携带通讯工具和资料进入考场；替考、作弊等违纪行为按相关规定处理。"),
        QStringLiteral("Bring this ticket and your ID card. Show the code at the check-in kiosk, then sit at "
                       "your seat number."),
    };
    double ny = y0 + 106;
    for (const QString &n : notes) {
        c.text(18, ny, 176, 6, n, 8, Qt::AlignLeft | Qt::AlignVCenter, false, kInk);
        ny += 6.5;
    }
}

/// An event's UTC time (ISO 8601) in the site's zone with its offset: "2026-12-04 08:00:00 +08:00".
QString siteTime(const QString &isoUtc, const QTimeZone &zone)
{
    const QDateTime t = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    return t.isValid() ? siteTimeText(t, zone) : isoUtc;
}

/// 64 hex digits as two lines of four groups of eight.
QString hashLines(const QString &hex)
{
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 8)
        groups.append(hex.mid(i, 8));
    QStringList lines;
    for (qsizetype i = 0; i < groups.size(); i += 4)
        lines.append(groups.mid(i, 4).join(u' '));
    return lines.join(u'\n');
}

/// The commitment notice for the door: the full input hash with its QR code, when and by whom it was
/// published, when the public value is drawn (and, once drawn, the value, the seed and the plan hash),
/// and how anyone can check it.
void commitmentNotice(Canvas &c, const PrintJob &job)
{
    const Commitment &cm = *job.commitment;
    const ExamSession &s = job.session;
    const double W = 210;
    c.text(12, 12, W - 24, 12, QStringLiteral("座位随机分配承诺公告"), 22, Qt::AlignCenter, true);
    c.text(12, 24, W - 24, 7, QStringLiteral("Seat allocation commitment"), 13, Qt::AlignCenter, false,
           kMuted);
    c.text(12, 33, W - 24, 6,
           QStringLiteral("%1%2").arg(job.siteName, job.siteCode.isEmpty() || job.siteCode == job.siteName
                                                        ? QString()
                                                        : QStringLiteral("（%1）").arg(job.siteCode)),
           11, Qt::AlignCenter, true, kInk, 8);
    c.text(12, 39, W - 24, 6,
           QStringLiteral("%1（%2） · %3 %4–%5 · 场次 Session %6")
               .arg(s.certificate, s.level, s.date, s.startsAt, s.endsAt, s.code),
           10, Qt::AlignCenter, false, kInk, 7);
    c.line(12, 47, W - 12, 47, kInk, 0.4);

    c.text(12, 50, W - 24, 7, QStringLiteral("承诺值：座位分配输入（考生名单与考场）的 SHA-256"), 12,
           Qt::AlignLeft | Qt::AlignVCenter, true);
    c.text(12, 57, W - 24, 5,
           QStringLiteral("Commitment: the SHA-256 of the seat allocation input (the roster and the rooms)"),
           9, Qt::AlignLeft | Qt::AlignVCenter, false, kMuted);
    c.box(12, 64, W - 24, 24, QColor(0xf8, 0xfa, 0xfc), kInk, 0.35, 2);
    c.text(12, 64, W - 24, 24, hashLines(cm.inputSha256), 17, Qt::AlignCenter, true, kInk, 10, true);

    paintQr(c.painter(), c.rect(12, 93, 58, 58), encodeQr(commitmentCode(job)));
    c.text(12, 151, 58, 5, QStringLiteral("扫码核对承诺值 · Scan to compare"), 7.5, Qt::AlignCenter, false,
           kMuted);
    const bool drawn = job.allocation && job.allocation->eventSeq > cm.eventSeq;
    const QString draw = job.drawAt.isEmpty() ? QStringLiteral("%1 %2").arg(s.date, s.startsAt) : job.drawAt;
    const QList<std::pair<QString, QString>> fields = {
        {QStringLiteral("公布时间 Published"), siteTime(cm.committedAt, job.session.zone())},
        {QStringLiteral("公布人 By"), cm.actor},
        {QStringLiteral("记录 Event"), QStringLiteral("seat.committed #%1").arg(cm.eventSeq)},
        {QStringLiteral("考场 / 考生 Rooms / candidates"),
         QStringLiteral("%1 / %2").arg(cm.rooms).arg(cm.candidates)},
        {QStringLiteral("分组 Grouping"), cm.groupBy == u"school" ? QStringLiteral("同校不相邻 · school")
                                                                  : QStringLiteral("同班不相邻 · class")},
        {QStringLiteral("抽取公开值 Draw"),
         drawn ? siteTime(job.allocation->allocatedAt, job.session.zone()) : draw},
    };
    double y = 94;
    for (const auto &[label, value] : fields) {
        c.text(76, y, 52, 9, label, 9, Qt::AlignLeft | Qt::AlignVCenter, false, kMuted, 7);
        c.text(128, y, 70, 9, value, 11, Qt::AlignLeft | Qt::AlignVCenter, label.startsWith(u"抽取"), kInk,
               7);
        y += 9.5;
    }

    c.line(12, 160, W - 12, 160);
    if (drawn) {
        const AllocationRecord &a = *job.allocation;
        c.text(12, 163, W - 24, 7, QStringLiteral("抽取结果 · Result of the draw"), 12,
               Qt::AlignLeft | Qt::AlignVCenter, true);
        const QList<std::pair<QString, QString>> result = {
            {QStringLiteral("公开值 Public value"), QStringLiteral("「%1」").arg(a.publicValue)},
            {QStringLiteral("种子 Seed"), a.seed},
            {QStringLiteral("分配结果 Plan SHA-256"), a.planSha256},
        };
        double ry = 171;
        for (const auto &[label, value] : result) {
            c.text(12, ry, 44, 7, label, 9, Qt::AlignLeft | Qt::AlignVCenter, false, kMuted, 7);
            c.text(56, ry, W - 68, 7, value, label.startsWith(u"公开值") ? 11 : 8.5,
                   Qt::AlignLeft | Qt::AlignVCenter, false, kInk, 5.5, !label.startsWith(u"公开值"));
            ry += 7.5;
        }
    } else {
        c.text(12, 163, W - 24, 7, QStringLiteral("公开值将于 %1 当众抽取。").arg(draw), 12,
               Qt::AlignLeft | Qt::AlignVCenter, true, kInk, 8);
        c.text(12, 171, W - 24, 14,
               QStringLiteral(
                   "抽取前公布本承诺值：名单与考场在抽取后不能再更改，分配结果由承诺值与公开值唯一确定。\n"
                   "The public value is drawn in public at %1. The commitment is published before "
                   "the draw, so the input cannot be chosen after it.")
                   .arg(draw),
               9, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, false, kInk);
    }

    c.line(12, 196, W - 12, 196);
    c.text(12, 199, W - 24, 7, QStringLiteral("如何核验 · How to check"), 12,
           Qt::AlignLeft | Qt::AlignVCenter, true);
    struct Step
    {
        QString text;
        double height;
        bool command; ///< in monospace
    };
    const QList<Step> steps = {
        {QStringLiteral("1. 种子 = SHA-256(\"examsite-seat-seed-v1\\n\" ‖ 承诺值 ‖ \"\\n\" ‖ "
                        "公开值)，任何人可用下面的命令计算："),
         7, false},
        {QStringLiteral("   printf 'examsite-seat-seed-v1\\n%s\\n%s' 承诺值 公开值 | sha256sum"), 7, true},
        {QStringLiteral(
             "2. 考点或评价机构运行 examsite seat verify --session %1：由承诺值与公开值重算座位分配，"
             "核对座位表与调座记录。")
             .arg(s.code),
         12, false},
        {QStringLiteral("Seed = SHA-256(\"examsite-seat-seed-v1\\n\" + commitment + \"\\n\" + public value). "
                        "'examsite seat verify --session %1' re-runs the allocation from the commitment and "
                        "the public value and checks the seats and the recorded moves.")
             .arg(s.code),
         12, false},
    };
    double sy = 208;
    for (const Step &step : steps) {
        c.text(12, sy, W - 24, step.height, step.text, 9, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
               false, kInk, 0, step.command);
        sy += step.height + 1;
    }
    footer(c, job, W, 297, QStringLiteral("打印于 %1").arg(printedAt(job)),
           QStringLiteral("张贴于考场门口 · For posting at the door"));
}

/// Pages for `document`, painting through `c`; `w` starts new pages.
int paintPages(Document document, const PrintJob &job, Canvas &c, PageTarget *w)
{
    int pages = 0;
    bool first = true;
    switch (document) {
    case Document::SeatPlans:
        for (const RoomOccupancy &ro : job.rooms) {
            if (!first)
                w->newPage();
            first = false;
            seatPlanPage(c, job, ro);
            ++pages;
        }
        break;
    case Document::DoorLists:
        for (const RoomOccupancy &ro : job.rooms)
            pages += doorListPages(c, w, job, ro, first);
        break;
    case Document::SignInSheets:
        for (const RoomOccupancy &ro : job.rooms)
            pages += signInPages(c, w, job, ro, first);
        break;
    case Document::AdmissionTickets: {
        int onPage = 0;
        for (const RoomOccupancy &ro : job.rooms)
            for (const SeatOccupancy *s : occupiedSeats(ro, false)) {
                if (onPage == 2) {
                    w->newPage();
                    onPage = 0;
                }
                if (onPage == 0)
                    ++pages;
                ticket(c, job, ro, *s, onPage * 148.5);
                if (onPage == 0)
                    c.line(0, 148.5, 210, 148.5, kLine, 0.2, Qt::DashLine);
                ++onPage;
            }
        if (pages == 0) {
            c.text(12, 12, 186, 10, QStringLiteral("没有已排座的考生 · No seated candidates"), 12);
            pages = 1;
        }
        break;
    }
    case Document::CommitmentNotice:
        commitmentNotice(c, job);
        return 1;
    }
    if (pages == 0) {
        c.text(12, 12, 186, 10, QStringLiteral("没有考场 · No rooms"), 12);
        pages = 1;
    }
    return pages;
}

class PagedTarget : public PageTarget
{
public:
    explicit PagedTarget(QPagedPaintDevice &d) : m_d(d) {}
    void newPage() override { m_d.newPage(); }

private:
    QPagedPaintDevice &m_d;
};

void requireCommitment(Document document, const PrintJob &job)
{
    if (document == Document::CommitmentNotice && !job.commitment)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error",
                                      "session %1 has no commitment to print yet; run 'examsite seat "
                                      "commit' first"),
                    job.session.code);
}

class ImageTarget : public PageTarget
{
public:
    ImageTarget(QPainter &p, QSizeF pageMm, int dpi) : m_p(p), m_size(pageMm), m_dpi(dpi) { start(); }
    void newPage() override
    {
        m_p.end();
        m_pages.append(m_current);
        start();
    }
    QList<QImage> finish()
    {
        m_p.end();
        m_pages.append(m_current);
        return m_pages;
    }

private:
    void start()
    {
        m_current = QImage(int(m_size.width() * m_dpi / 25.4), int(m_size.height() * m_dpi / 25.4),
                           QImage::Format_RGB32);
        m_current.setDotsPerMeterX(int(m_dpi / 0.0254));
        m_current.setDotsPerMeterY(int(m_dpi / 0.0254));
        m_current.fill(Qt::white);
        m_p.begin(&m_current);
        m_p.setRenderHint(QPainter::Antialiasing);
    }
    QPainter &m_p;
    QSizeF m_size;
    int m_dpi;
    QImage m_current;
    QList<QImage> m_pages;
};

} // namespace

QString documentFileName(Document d)
{
    switch (d) {
    case Document::SeatPlans:
        return QStringLiteral("seat-plans.pdf");
    case Document::DoorLists:
        return QStringLiteral("door-lists.pdf");
    case Document::SignInSheets:
        return QStringLiteral("sign-in-sheets.pdf");
    case Document::AdmissionTickets:
        return QStringLiteral("admission-tickets.pdf");
    case Document::CommitmentNotice:
        return QStringLiteral("commitment-notice.pdf");
    }
    return {};
}

QPageLayout::Orientation documentOrientation(Document d)
{
    return d == Document::SeatPlans ? QPageLayout::Landscape : QPageLayout::Portrait;
}

QString commitmentCode(const PrintJob &job)
{
    if (!job.commitment)
        return {};
    return QStringList{QStringLiteral("examsite-seat-commitment-v1"), QStringLiteral("site ") + job.siteCode,
                       QStringLiteral("session ") + job.session.code,
                       QStringLiteral("input_sha256 ") + job.commitment->inputSha256,
                       QStringLiteral("committed_at ") + job.commitment->committedAt}
        .join(u'\n');
}

int paintDocument(Document document, const PrintJob &job, QPagedPaintDevice &device)
{
    requireCommitment(document, job);
    device.setPageSize(QPageSize(QPageSize::A4));
    device.setPageOrientation(documentOrientation(document));
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    QPainter p;
    if (!p.begin(&device))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot start printing %1"),
                    documentFileName(document));
    Canvas c(p, device.logicalDpiX());
    PagedTarget target(device);
    const int pages = paintPages(document, job, c, &target);
    if (!p.end())
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot finish printing %1"),
                    documentFileName(document));
    return pages;
}

int writePdf(Document document, const PrintJob &job, const QString &path)
{
    requireCommitment(document, job);
    QSaveFile file(path);
    openPrivate(file); // candidates' names, tickets and photos: owner-only, as every report

    int pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setResolution(kPdfDpi);
        writer.setCreator(QStringLiteral("ExamSite"));
        writer.setTitle(QStringLiteral("%1 %2").arg(job.session.code, documentFileName(document)));
        pages = paintDocument(document, job, writer);
    }
    commitFile(file);
    return pages;
}

void checkPrinter(IPrinters &printers, const QString &printer)
{
    const QStringList names = printers.names();
    if (!names.contains(printer))
        throw names.isEmpty()
            ? Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "printer '%1' does not exist: no printers are set up (CUPS)"),
                    printer)
            : Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "printer '%1' does not exist; the printers are: %2"), printer,
                    names.join(QStringLiteral(", ")));
}

int printDocument(Document document, const PrintJob &job, IPrinters &printers, const QString &printer)
{
    requireCommitment(document, job);
    checkPrinter(printers, printer);
    return printers.print(
        printer, QStringLiteral("%1 %2").arg(job.session.code, documentFileName(document).chopped(4)),
        [&](QPagedPaintDevice &device) { return paintDocument(document, job, device); });
}

QList<QImage> renderPages(Document document, const PrintJob &job, int dpi)
{
    requireCommitment(document, job);
    QPainter p;
    ImageTarget target(p, document == Document::SeatPlans ? QSizeF(297, 210) : QSizeF(210, 297), dpi);
    Canvas c(p, dpi);
    paintPages(document, job, c, &target);
    return target.finish();
}

QImage renderAdmissionTicket(const PrintJob &job, int roomIndex, int seatIndex, int dpi)
{
    const RoomOccupancy &ro = job.rooms.at(roomIndex);
    const SeatOccupancy &s = ro.seats.at(seatIndex);
    QImage img(int(210 * dpi / 25.4), int(148.5 * dpi / 25.4), QImage::Format_RGB32);
    img.setDotsPerMeterX(int(dpi / 0.0254));
    img.setDotsPerMeterY(int(dpi / 0.0254));
    img.fill(Qt::white);
    QPainter p(&img);
    Canvas c(p, dpi);
    ticket(c, job, ro, s, 0);
    return img;
}

} // namespace examsite::seating
