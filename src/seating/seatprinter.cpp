#include "seating/seatprinter.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "seating/ticketcode.h"

#include <algorithm>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

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

    QFont font(double pt, bool bold = false) const
    {
        QFont f(QStringLiteral("Noto Sans CJK SC"));
        f.setPointSizeF(pt);
        f.setBold(bold);
        return f;
    }
    /// Text in a box (millimetres), shrunk to fit the width down to `minPt`, elided below that.
    void text(double x, double y, double w, double h, const QString &s, double pt,
              int flags = Qt::AlignLeft | Qt::AlignVCenter, bool bold = false, const QColor &color = kInk,
              double minPt = 0)
    {
        QFont f = font(pt, bold);
        const QRectF box = rect(x, y, w, h);
        QString shown = s;
        if (minPt > 0) {
            while (f.pointSizeF() > minPt &&
                   QFontMetricsF(f, m_p.device()).horizontalAdvance(s) > box.width())
                f.setPointSizeF(std::max(minPt, f.pointSizeF() * 0.9));
        }
        const QFontMetricsF fm(f, m_p.device());
        if (fm.horizontalAdvance(shown) > box.width())
            shown = fm.elidedText(s, Qt::ElideRight, box.width());
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

void header(Canvas &c, const PrintJob &job, double width, const QString &title, const QString &room,
            const QString &page)
{
    c.text(12, 10, width - 24, 10, title, 18, Qt::AlignLeft | Qt::AlignVCenter, true);
    c.text(12, 10, width - 24, 10, room, 16, Qt::AlignRight | Qt::AlignVCenter, true);
    c.text(12, 20, width - 24, 6, sessionLine(job), 9, Qt::AlignLeft | Qt::AlignVCenter, false, kMuted);
    if (!page.isEmpty())
        c.text(12, 20, width - 24, 6, page, 9, Qt::AlignRight | Qt::AlignVCenter, false, kMuted);
    c.line(12, 27, width - 12, 27, kInk, 0.4);
}

void footer(Canvas &c, const PrintJob &job, double width, double height, const QString &right)
{
    c.line(12, height - 13, width - 12, height - 13);
    c.text(12, height - 12.5, width * 0.62, 6, job.footer, 6.5, Qt::AlignLeft | Qt::AlignVCenter, false,
           kMuted);
    c.text(12, height - 12.5, width - 24, 6, right, 7, Qt::AlignRight | Qt::AlignVCenter, false, kMuted);
}

QString printedAt()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

void seatPlanPage(Canvas &c, const PrintJob &job, const RoomOccupancy &ro)
{
    const double W = 297, H = 210;
    header(c, job, W, QStringLiteral("座位表  Seat plan"), roomTitle(ro.room), QString());
    // Row 0 is the front row, nearest the podium at the top of the sheet.
    c.box(W / 2 - 45, 30, 90, 8, QColor(0xe2, 0xe8, 0xf0), kLine, 0.25, 1.5);
    c.text(W / 2 - 45, 30, 90, 8, QStringLiteral("讲台 · Front of the room"), 10, Qt::AlignCenter, true);
    const Room &r = ro.room;
    const double top = 41, bottom = H - 16, left = 12, right = W - 12;
    const double gap = r.cols > 30 ? 0.4 : 1.5;
    const double cell =
        std::min((right - left - gap * (r.cols - 1)) / r.cols, (bottom - top - gap * (r.rows - 1)) / r.rows);
    const double cw =
        std::min(cell * 1.6, (right - left - gap * (r.cols - 1)) / r.cols); // seats may be wider than tall
    const double x0 = left + (right - left - (cw * r.cols + gap * (r.cols - 1))) / 2;
    bool types = false;
    for (const SeatOccupancy &s : ro.seats)
        types = types || s.workstation != ro.seats.first().workstation;
    int usable = 0;
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
    footer(
        c, job, W, H,
        QStringLiteral("已排 %1 人 · 可用 %2 座 · 打印于 %3").arg(ro.allocated).arg(usable).arg(printedAt()));
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
    const double rowH = 6.6, top = 31, bottom = 297 - 16;
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
        footer(c, job, 210, 297, QStringLiteral("%1 人 · 打印于 %2").arg(rows.size()).arg(printedAt()));
    }
    return pages;
}

int signInPages(Canvas &c, PageTarget *w, const PrintJob &job, const RoomOccupancy &ro, bool &first)
{
    const QList<const SeatOccupancy *> rows = occupiedSeats(ro, false);
    const double rowH = 27, headH = 7, top = 31, bottom = 297 - 16;
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
        footer(c, job, 210, 297,
               QStringLiteral("应到 %1 人 · 实到 ____ 人 · 监考员签名 __________ · 打印于 %2")
                   .arg(rows.size())
                   .arg(printedAt()));
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

/// Pages for `document`, painting through `c`; `w` starts new pages.
int paintDocument(Document document, const PrintJob &job, Canvas &c, PageTarget *w)
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
    }
    if (pages == 0) {
        c.text(12, 12, 186, 10, QStringLiteral("没有考场 · No rooms"), 12);
        pages = 1;
    }
    return pages;
}

class PdfTarget : public PageTarget
{
public:
    explicit PdfTarget(QPdfWriter &w) : m_w(w) {}
    void newPage() override { m_w.newPage(); }

private:
    QPdfWriter &m_w;
};

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
    }
    return {};
}

int writePdf(Document document, const PrintJob &job, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot write: %2"), path,
                    file.errorString());
    int pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setResolution(kPdfDpi);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(document == Document::SeatPlans ? QPageLayout::Landscape
                                                                  : QPageLayout::Portrait);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
        writer.setCreator(QStringLiteral("ExamSite"));
        writer.setTitle(QStringLiteral("%1 %2").arg(job.session.code, documentFileName(document)));
        QPainter p;
        if (!p.begin(&writer))
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot start the PDF"), path);
        Canvas c(p, kPdfDpi);
        PdfTarget target(writer);
        pages = paintDocument(document, job, c, &target);
        p.end();
    }
    if (!file.commit())
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot write: %2"), path,
                    file.errorString());
    return pages;
}

QList<QImage> renderPages(Document document, const PrintJob &job, int dpi)
{
    QPainter p;
    ImageTarget target(p, document == Document::SeatPlans ? QSizeF(297, 210) : QSizeF(210, 297), dpi);
    Canvas c(p, dpi);
    paintDocument(document, job, c, &target);
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
