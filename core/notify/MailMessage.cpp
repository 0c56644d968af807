// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Composition with GMime 3 (DESIGN.md: a maintained library, not hand-written MIME).
// GLib's headers come before Qt's: gio names a struct member "signals".
#include <gmime/gmime.h>

#include "MailMessage.h"

#include <memory>

namespace Keepsake {

namespace {

struct GObjectFree { void operator()(gpointer object) const { g_object_unref(object); } };
template <typename T>
using Owned = std::unique_ptr<T, GObjectFree>;
struct OptionsFree { void operator()(GMimeFormatOptions *options) const { g_mime_format_options_free(options); } };
struct DateFree { void operator()(GDateTime *date) const { g_date_time_unref(date); } };

// GMime's global tables (charsets, iconv), made once per process and never changed
// afterwards; g_mime_init() itself is not safe to call from two threads at once.
void initGMime()
{
    static const bool initialised = [] {
        g_mime_init();
        return true;
    }();
    Q_UNUSED(initialised);
}

// Header text on one line: each run of control characters (CR, LF, tab, ...) is one space.
QByteArray headerText(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    bool inControl = false;
    for (const QChar c : text) {
        const bool control = c.category() == QChar::Other_Control || c == QChar::LineSeparator
                             || c == QChar::ParagraphSeparator;
        if (control && !inControl)
            clean += QLatin1Char(' ');
        else if (!control)
            clean += c;
        inControl = control;
    }
    return clean.toUtf8();
}

void addMailbox(InternetAddressList *list, const QString &name, const QString &mail)
{
    const QByteArray displayName = headerText(name);
    const QByteArray address = headerText(mail).trimmed();
    InternetAddress *mailbox = internet_address_mailbox_new(displayName.isEmpty() ? nullptr : displayName.constData(),
                                                            address.constData());
    internet_address_set_charset(mailbox, "utf-8");
    internet_address_list_add(list, mailbox);
    g_object_unref(mailbox);
}

// text/plain; charset=utf-8 in base64, lines ending in CRLF (the canonical form).
Owned<GMimeTextPart> bodyPart(const QString &body)
{
    QString normalized = body;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\n'), QStringLiteral("\r\n"));
    const QByteArray utf8 = normalized.toUtf8();
    Owned<GMimeTextPart> part(g_mime_text_part_new_with_subtype("plain"));
    Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(utf8.constData(), size_t(utf8.size())));
    Owned<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part.get()), content.get());
    g_mime_text_part_set_charset(part.get(), "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_BASE64);
    return part;
}

void setHeaders(GMimeMessage *message, const MailMessage &mail)
{
    addMailbox(g_mime_message_get_from(message), mail.fromName, mail.from);
    addMailbox(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_TO), mail.toName, mail.to);
    g_mime_message_set_subject(message, headerText(mail.subject).constData(), "utf-8");
    const std::unique_ptr<GDateTime, DateFree> date(g_date_time_new_from_unix_utc(mail.date.toSecsSinceEpoch()));
    g_mime_message_set_date(message, date.get());
    QByteArray id = headerText(mail.messageId).trimmed();
    if (id.startsWith('<') && id.endsWith('>'))
        id = id.mid(1, id.size() - 2);
    if (!id.isEmpty())
        g_mime_message_set_message_id(message, id.constData());
    g_mime_object_set_header(GMIME_OBJECT(message), "Auto-Submitted", "auto-generated", nullptr);
}

} // namespace

QByteArray MailMessage::toRfc5322() const
{
    initGMime();
    Owned<GMimeMessage> message(g_mime_message_new(TRUE));
    setHeaders(message.get(), *this);
    const Owned<GMimeTextPart> part = bodyPart(body);
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(part.get()));

    const std::unique_ptr<GMimeFormatOptions, OptionsFree> options(g_mime_format_options_new());
    g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
    Owned<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(message.get()), options.get(), out.get());
    const GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

} // namespace Keepsake
