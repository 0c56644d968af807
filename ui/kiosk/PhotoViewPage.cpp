// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoViewPage.h"

#include "common/ThumbnailSource.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int SwipeDistance = 80;   // px a finger moves sideways to turn the page

} // namespace

PhotoViewPage::PhotoViewPage(std::shared_ptr<const ThumbnailSource> source, QWidget *parent)
    : QWidget(parent), m_source(std::move(source))
{
    setObjectName(QStringLiteral("photoViewPage"));
    setFocusPolicy(Qt::StrongFocus);
    m_pool.setMaxThreadCount(1);
    m_picture = new QLabel;
    m_picture->setObjectName(QStringLiteral("photoViewImage"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(1, 1);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_picture->setAttribute(Qt::WA_TransparentForMouseEvents);   // a swipe on the photo goes to the page
    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("photoViewCaption"));
    m_caption->setWordWrap(true);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto button = [](const char *name) {
        auto *made = new QPushButton;
        made->setObjectName(QLatin1String(name));
        made->setFocusPolicy(Qt::NoFocus);   // the arrow keys stay with the page
        return made;
    };
    m_previous = button("photoViewPrevious");
    m_next = button("photoViewNext");
    m_select = button("photoViewSelect");
    m_select->setCheckable(true);
    m_captionEdit = button("photoViewCaptionButton");
    m_close = button("photoViewClose");
    m_close->setProperty("role", QStringLiteral("primary"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("photoViewMessage"));
    m_message->setWordWrap(true);
    m_message->setProperty("role", QStringLiteral("warning"));
    m_message->hide();
    layOut();
    connect(m_previous, &QPushButton::clicked, this, &PhotoViewPage::previous);
    connect(m_next, &QPushButton::clicked, this, &PhotoViewPage::next);
    connect(m_close, &QPushButton::clicked, this, &PhotoViewPage::closed);
    connect(m_captionEdit, &QPushButton::clicked, this, [this] {
        if (m_row >= 0 && m_row < m_photos.size())
            Q_EMIT captionRequested(m_photos.at(m_row).id, m_photos.at(m_row).caption);
    });
    connect(m_select, &QPushButton::clicked, this, [this](bool on) {
        const qint64 id = currentPhotoId();
        if (on)
            m_selected.insert(id);
        else
            m_selected.remove(id);
        Q_EMIT selectionChanged(id, on);
    });
    retranslate();
}

// The photo over the whole page; below it a message when there is one, and a row with
// the arrows around the caption and the buttons.
void PhotoViewPage::layOut()
{
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_previous);
    bottom->addWidget(m_caption, 1);
    bottom->addWidget(m_next);
    bottom->addSpacing(24);
    bottom->addWidget(m_select);
    bottom->addWidget(m_captionEdit);
    bottom->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_message);
    layout->addLayout(bottom);
}

PhotoViewPage::~PhotoViewPage()
{
    ++m_generation;
    m_pool.waitForDone();
}

void PhotoViewPage::showPhotos(const QList<PhotoRecord> &photos, int row, const QSet<qint64> &selected, bool own)
{
    m_photos = photos;
    m_selected = selected;
    m_select->setVisible(own);
    m_captionEdit->setVisible(own);   // a shared album is its owner's to caption
    showRow(row);
    setFocus();
}

void PhotoViewPage::setCaption(qint64 photoId, const QString &caption)
{
    for (PhotoRecord &photo : m_photos) {
        if (photo.id == photoId)
            photo.caption = caption;
    }
    setMessage({});
    retranslate();
}

void PhotoViewPage::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

QString PhotoViewPage::captionText() const
{
    return m_caption->text();
}

qint64 PhotoViewPage::currentPhotoId() const
{
    return m_row >= 0 && m_row < m_photos.size() ? m_photos.at(m_row).id : 0;
}

void PhotoViewPage::next()
{
    if (m_row + 1 < m_photos.size())
        showRow(m_row + 1);
}

void PhotoViewPage::previous()
{
    if (m_row > 0)
        showRow(m_row - 1);
}

void PhotoViewPage::showRow(int row)
{
    m_row = qBound(0, row, int(m_photos.size()) - 1);
    setMessage({});
    m_image = {};
    m_picture->clear();
    m_previous->setEnabled(m_row > 0);
    m_next->setEnabled(m_row + 1 < m_photos.size());
    retranslate();
    if (m_row < 0)
        return;
    const PhotoRecord photo = m_photos.at(m_row);
    m_select->setChecked(m_selected.contains(photo.id));
    const int generation = ++m_generation;
    m_pool.start([this, source = m_source, photo, generation] {
        const QImage image = source->preview(photo);
        QMetaObject::invokeMethod(this, [this, generation, image] { loaded(generation, image); }, Qt::QueuedConnection);
    });
}

void PhotoViewPage::loaded(int generation, const QImage &image)
{
    if (generation != m_generation)
        return;
    m_image = image;
    if (image.isNull())
        m_picture->setText(tr("This photo cannot be shown large."));
    fit();
}

// Fitted to the room there is, never beyond twice its size (a small thumbnail blurs).
void PhotoViewPage::fit()
{
    if (m_image.isNull())
        return;
    const QSize room = m_picture->contentsRect().size().boundedTo(m_image.size() * 2);
    m_picture->setPixmap(QPixmap::fromImage(m_image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void PhotoViewPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fit();
}

void PhotoViewPage::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right: next(); return;
    case Qt::Key_Left: previous(); return;
    case Qt::Key_Escape: Q_EMIT closed(); return;
    default: QWidget::keyPressEvent(event);
    }
}

void PhotoViewPage::mousePressEvent(QMouseEvent *event)
{
    m_pressedAt = event->position().toPoint();
    QWidget::mousePressEvent(event);
}

void PhotoViewPage::mouseReleaseEvent(QMouseEvent *event)
{
    const int dx = event->position().toPoint().x() - m_pressedAt.x();
    if (dx <= -SwipeDistance)
        next();
    else if (dx >= SwipeDistance)
        previous();
    QWidget::mouseReleaseEvent(event);
}

void PhotoViewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PhotoViewPage::retranslate()
{
    m_previous->setText(QStringLiteral("◀"));
    m_previous->setToolTip(tr("Previous photo"));
    m_next->setText(QStringLiteral("▶"));
    m_next->setToolTip(tr("Next photo"));
    m_select->setText(tr("Select"));
    m_captionEdit->setText(tr("Caption"));
    m_captionEdit->setToolTip(tr("Write or change this photo's caption"));
    m_close->setText(tr("Close"));
    if (m_row < 0 || m_row >= m_photos.size()) {
        m_caption->clear();
        return;
    }
    const PhotoRecord &photo = m_photos.at(m_row);
    const QString caption = photo.caption.isEmpty() ? photo.name : photo.caption;
    m_caption->setText(tr("%1 — photo %2 of %3").arg(caption).arg(m_row + 1).arg(m_photos.size()));
}

} // namespace Keepsake
