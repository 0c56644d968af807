// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhonePage.h"

#include "KioskBackend.h"
#include "KioskLog.h"
#include "common/MessageLabel.h"
#include "net/IngestWire.h"
#include "print/QrCode.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int QrSide = 420;   // pixels at most: a phone's camera reads it from an arm's length

const QString Open = QStringLiteral("open");
const QString Receiving = QStringLiteral("receiving");
const QString Ingesting = QStringLiteral("ingesting");
const QString Done = QStringLiteral("done");
const QString Failed = QStringLiteral("failed");

QLabel *wrappedLabel(const char *name, const char *role = nullptr)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (role)
        label->setProperty("role", QLatin1String(role));
    return label;
}

} // namespace

PhonePage::PhonePage(KioskBackend &backend, QWidget *parent) : QWidget(parent), m_backend(backend)
{
    setObjectName(QStringLiteral("phonePage"));
    m_poll.setSingleShot(true);
    m_poll.setInterval(1500);
    connect(&m_poll, &QTimer::timeout, this, &PhonePage::poll);
    m_title = wrappedLabel("phoneTitle", "title");
    m_code = new QLabel;
    m_code->setObjectName(QStringLiteral("phoneQr"));
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setMinimumSize(QrSide, QrSide);
    m_address = wrappedLabel("phoneUrl", "hint");
    m_address->setAlignment(Qt::AlignCenter);
    m_howTo = wrappedLabel("phoneHowTo");
    m_minutes = wrappedLabel("phoneMinutes", "expiry");
    m_status = new MessageLabel(3);
    m_status->setObjectName(QStringLiteral("phoneStatus"));
    m_newCode = new QPushButton;
    m_newCode->setObjectName(QStringLiteral("phoneNewCode"));
    m_close = new QPushButton;
    m_close->setObjectName(QStringLiteral("phoneClose"));
    m_close->setProperty("role", QStringLiteral("primary"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_code, 0, Qt::AlignCenter);
    left->addWidget(m_address);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(m_howTo);
    right->addWidget(m_minutes);
    right->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addLayout(left, 1);
    middle->addLayout(right, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newCode);
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_status);   // above the code: the photos arriving, the result, or why there is no code
    layout->addLayout(middle, 1);
    layout->addLayout(buttons);
    connect(m_newCode, &QPushButton::clicked, this, &PhonePage::newCode);
    connect(m_close, &QPushButton::clicked, this, &PhonePage::closed);
    retranslate();
    showState();
}

QImage PhonePage::qrImage(const QString &text, int side)
{
    const Result<QrCode> code = QrCode::encode(text);
    if (!code)
        return {};
    const int modules = code->size() + 2 * QrCode::QuietZone;
    return code->toImage(qMax(2, side / modules));   // whole pixels a module, at least two
}

void PhonePage::open()
{
    // The address shown before serves on while it takes photos or they are being handed in.
    if (m_upload.id != 0 && !finished() && !expiredUnused()) {
        showState();
        poll();
        return;
    }
    newCode();
}

void PhonePage::reset()
{
    ++m_generation;
    m_poll.stop();
    m_upload = {};
    m_url.clear();
    m_error.clear();
    m_qr = {};
    m_asking = false;
    m_polling = false;
    m_announced = false;
    showState();
}

void PhonePage::newCode()
{
    reset();
    m_asking = true;
    showState();
    m_backend.openPhoneUpload([this, generation = m_generation](const Result<PhoneAddresses::Address> &address) {
        if (generation == m_generation)
            opened(address);
    });
}

void PhonePage::opened(const Result<PhoneAddresses::Address> &address)
{
    m_asking = false;
    if (!address) {
        m_error = address.error().message();
        qCInfo(lcKiosk) << "No upload address for a phone:" << m_error;
        showState();
        return;
    }
    m_upload = address->upload;
    m_url = address->url;
    m_qr = qrImage(m_url, QrSide);
    showState();
    if (isVisible())
        m_poll.start();
}

void PhonePage::poll()
{
    m_poll.stop();
    if (m_upload.id == 0 || finished() || m_polling)
        return;   // one question at a time: the answer starts the timer again
    m_polling = true;
    m_backend.phoneUpload(m_upload.id, [this, generation = m_generation](const Result<PhoneUpload> &upload) {
        if (generation != m_generation)
            return;
        m_polling = false;
        polled(upload);
    });
}

void PhonePage::polled(const Result<PhoneUpload> &upload)
{
    if (!upload) {
        // The network may be back at the next ask: the page keeps what it knew.
        qCInfo(lcKiosk) << "The phone's upload cannot be read:" << upload.error().message();
    } else {
        const int before = m_upload.files;
        m_upload = *upload;
        if (m_upload.files != before || isReceiving())
            Q_EMIT activity();
    }
    showState();
    if (m_upload.state == Done && !m_announced) {
        m_announced = true;
        Q_EMIT handedIn(m_upload);
    }
    if (isVisible() && !finished() && !expiredUnused())
        m_poll.start();
}

bool PhonePage::finished() const
{
    return m_upload.state == Done || m_upload.state == Failed;
}

bool PhonePage::expiredUnused() const
{
    return m_upload.state == Open && m_upload.expires.isValid() && m_backend.now() >= m_upload.expires;
}

bool PhonePage::isReceiving() const
{
    // An upload that stopped midway dies ValidMinutes after its last photo: the session may end then.
    return m_upload.state == Ingesting || (m_upload.state == Receiving && m_backend.now() < m_upload.expires);
}

void PhonePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_upload.id != 0 && !finished() && !expiredUnused() && !m_polling)
        m_poll.start();
}

void PhonePage::hideEvent(QHideEvent *event)
{
    m_poll.stop();
    QWidget::hideEvent(event);
}

// The code while it takes photos; what became of them; or why there is none.
void PhonePage::showState()
{
    const bool live = m_upload.id != 0 && !finished() && !expiredUnused();
    showAddress(live);
    m_howTo->setVisible(live && m_upload.state == Open);
    m_minutes->setVisible(live && m_upload.state == Open);
    if (m_minutes->isVisibleTo(this)) {
        const qint64 seconds = qMax<qint64>(0, m_backend.now().secsTo(m_upload.expires));
        m_minutes->setText(tr("The code works for %n more minute(s).", nullptr, int((seconds + 59) / 60)));
    }
    m_newCode->setVisible(m_upload.id != 0 && !live);
    m_status->setRole(m_upload.state == Done ? QStringLiteral("success")
                      : (m_upload.state == Failed || !m_error.isEmpty()) ? QStringLiteral("warning") : QString());
    m_status->setText(stateText());
}

void PhonePage::showAddress(bool shown)
{
    m_code->setPixmap(shown && !m_qr.isNull() ? QPixmap::fromImage(m_qr) : QPixmap());
    m_code->setVisible(shown);
    m_address->setText(shown ? m_url : QString());
    m_address->setVisible(shown);
}

QString PhonePage::statusText() const
{
    return m_status->text();
}

QString PhonePage::stateText() const
{
    if (!m_error.isEmpty())
        return m_error;
    if (m_asking)
        return tr("Making your code…");
    if (m_upload.id == 0)
        return {};
    if (m_upload.state == Receiving)
        return tr("%n photo(s) received", nullptr, m_upload.files);
    if (m_upload.state == Ingesting)
        return tr("%n photo(s) received. Putting them into your albums…", nullptr, m_upload.files);
    if (m_upload.state == Done)
        return summaryText();
    if (m_upload.state == Failed && !m_upload.error.isEmpty())
        return tr("The photos from your phone could not be handed in: %1 Tap \"New code\" to try again, or ask at "
                  "the counter.").arg(m_upload.error);
    if (m_upload.state == Failed)
        return tr("The photos from your phone could not be handed in. Tap \"New code\" to try again, or ask at "
                  "the counter.");
    if (expiredUnused())
        return tr("This code has expired. Tap \"New code\" for another one.");
    return {};
}

QString PhonePage::summaryText() const
{
    const IngestSummary summary =
        IngestWire::summaryFromJson(QJsonDocument::fromJson(m_upload.summary.toUtf8()).object());
    QStringList lines { tr("%n new photo(s) are in your albums.", nullptr, summary.added) };
    if (summary.alreadyReceived > 0)
        lines.append(tr("%n you had handed in before.", nullptr, summary.alreadyReceived));
    if (summary.newVersions > 0)
        lines.append(tr("%n are new versions of photos you had handed in.", nullptr, summary.newVersions));
    if (summary.rejected > 0)
        lines.append(tr("%n could not be taken: Keepsake keeps photos only.", nullptr, summary.rejected));
    return lines.join(QLatin1Char(' '));
}

void PhonePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showState();
    }
    QWidget::changeEvent(event);
}

void PhonePage::retranslate()
{
    m_title->setText(tr("Hand in from your phone"));
    m_howTo->setText(tr("Scan this code with your phone's camera. Your phone opens the lab's page: choose your "
                        "photos there and send them. They arrive here in a moment, as they are, with nothing "
                        "made smaller."));
    m_newCode->setText(tr("New code"));
    m_close->setText(tr("Back to my albums"));
}

} // namespace Keepsake
