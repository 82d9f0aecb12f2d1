<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="32"/>
        <source>&amp;New project…</source>
        <translation>&amp;Proyek baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="33"/>
        <source>&amp;Open project…</source>
        <translation>&amp;Buka proyek…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="34"/>
        <source>&amp;Add recordings…</source>
        <translation>&amp;Tambah rekaman…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="35"/>
        <source>New field &amp;notes…</source>
        <translation>&amp;Catatan lapangan baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="36"/>
        <source>&amp;Import field notes (.txt, .docx)…</source>
        <translation>&amp;Impor catatan lapangan (.txt, .docx)…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="37"/>
        <source>&amp;Export…</source>
        <translation>&amp;Ekspor…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="38"/>
        <source>I&amp;mport (REFI-QDA, transcripts)…</source>
        <translation>I&amp;mpor (REFI-QDA, transkrip)…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="39"/>
        <source>Pse&amp;udonyms…</source>
        <translation>&amp;Nama samaran…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="40"/>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="41"/>
        <source>&amp;Undo</source>
        <translation>&amp;Urungkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="42"/>
        <source>&amp;Redo</source>
        <translation>U&amp;langi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="43"/>
        <source>&amp;Find and replace…</source>
        <translation>&amp;Cari dan ganti…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="44"/>
        <source>&amp;Split segment at cursor</source>
        <translation>&amp;Pisah segmen di kursor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="45"/>
        <source>&amp;Merge with next segment</source>
        <translation>&amp;Gabung dengan segmen berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="46"/>
        <source>Mark segment &amp;verified</source>
        <translation>Tandai segmen &amp;terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="47"/>
        <source>Next &amp;doubtful word</source>
        <translation>Kata &amp;meragukan berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="49"/>
        <source>Next &amp;unverified segment</source>
        <translation>Segmen &amp;belum terverifikasi berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="51"/>
        <source>Set segment &amp;speaker…</source>
        <translation>Atur pembicara &amp;segmen…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="52"/>
        <source>Re&amp;name a speaker…</source>
        <translation>Ganti &amp;nama pembicara…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="53"/>
        <source>&amp;Who is each speaker…</source>
        <translation>S&amp;iapa tiap pembicara…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="54"/>
        <source>Segment starts earlier</source>
        <translation>Segmen mulai lebih awal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="55"/>
        <source>Segment starts later</source>
        <translation>Segmen mulai lebih lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="56"/>
        <source>Segment ends earlier</source>
        <translation>Segmen berakhir lebih awal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="57"/>
        <source>Segment ends later</source>
        <translation>Segmen berakhir lebih lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="58"/>
        <source>&amp;Preferences…</source>
        <translation>P&amp;referensi…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="59"/>
        <source>&amp;Play / pause</source>
        <translation>&amp;Putar / jeda</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="60"/>
        <source>Skip &amp;back</source>
        <translation>&amp;Mundur</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="61"/>
        <source>Skip &amp;forward</source>
        <translation>Ma&amp;ju</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="62"/>
        <source>S&amp;lower</source>
        <translation>Lebih &amp;lambat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="63"/>
        <source>F&amp;aster</source>
        <translation>Lebih &amp;cepat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="64"/>
        <source>&amp;Loop segment</source>
        <translation>&amp;Ulangi segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="65"/>
        <source>F&amp;ollow playback</source>
        <translation>&amp;Ikuti pemutaran</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="66"/>
        <source>&amp;Code selection with…</source>
        <translation>&amp;Kodekan teks terpilih dengan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="71"/>
        <source>Code with pinned theme 1</source>
        <translation>Kodekan dengan tema tersemat 1</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="72"/>
        <source>Code with pinned theme 2</source>
        <translation>Kodekan dengan tema tersemat 2</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="73"/>
        <source>Code with pinned theme 3</source>
        <translation>Kodekan dengan tema tersemat 3</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="74"/>
        <source>Code with pinned theme 4</source>
        <translation>Kodekan dengan tema tersemat 4</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="75"/>
        <source>Code with pinned theme 5</source>
        <translation>Kodekan dengan tema tersemat 5</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="76"/>
        <source>Code with pinned theme 6</source>
        <translation>Kodekan dengan tema tersemat 6</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="77"/>
        <source>Code with pinned theme 7</source>
        <translation>Kodekan dengan tema tersemat 7</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="78"/>
        <source>Code with pinned theme 8</source>
        <translation>Kodekan dengan tema tersemat 8</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="79"/>
        <source>Code with pinned theme 9</source>
        <translation>Kodekan dengan tema tersemat 9</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="84"/>
        <source>&amp;Passages…</source>
        <translation>K&amp;utipan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="85"/>
        <source>&amp;Search transcripts and notes…</source>
        <translation>&amp;Cari di transkrip dan catatan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="86"/>
        <source>&amp;Transcribe this recording</source>
        <translation>&amp;Transkripsi rekaman ini</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="87"/>
        <source>Transcribe &amp;all recordings</source>
        <translation>Transkripsi &amp;semua rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/actions.py" line="88"/>
        <source>&amp;Cancel transcriptions</source>
        <translation>&amp;Batalkan transkripsi</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../src/annotator/ui/app.py" line="58"/>
        <source>New project</source>
        <translation>Proyek baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/app.py" line="60"/>
        <source>There is no project at {path}. Create a new project there?</source>
        <translation>Belum ada proyek di {path}. Buat proyek baru di sana?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/app.py" line="64"/>
        <source>Create</source>
        <translation>Buat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/app.py" line="73"/>
        <source>Cannot create project</source>
        <translation>Proyek tidak dapat dibuat</translation>
    </message>
</context>
<context>
    <name>AssignPopup</name>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="219"/>
        <source>Code with</source>
        <translation>Kodekan dengan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="221"/>
        <source>Type part of a theme&apos;s name</source>
        <translation>Ketik sebagian nama tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="257"/>
        <source>No theme matches “{text}”.</source>
        <translation>Tidak ada tema yang cocok dengan “{text}”.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="259"/>
        <source>Enter: code with the highlighted theme and the ticked ones · Esc: close</source>
        <translation>Enter: kodekan dengan tema yang disorot dan yang dicentang · Esc: tutup</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="261"/>
        <source>Enter: code · Ctrl+Enter: tick to pick several · Esc: close</source>
        <translation>Enter: kodekan · Ctrl+Enter: centang untuk memilih beberapa · Esc: tutup</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="263"/>
        <source>Enter: choose · Esc: close</source>
        <translation>Enter: pilih · Esc: tutup</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/assign_popup.py" line="265"/>
        <source>Ticked: {names}</source>
        <translation>Dicentang: {names}</translation>
    </message>
</context>
<context>
    <name>BackgroundWork</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/background.py" line="97"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/background.py" line="125"/>
        <source>Annotator ran into an unexpected problem ({reason}); the details are in its log.</source>
        <translation>Annotator mengalami masalah tak terduga ({reason}); rinciannya tercatat di log Annotator.</translation>
    </message>
</context>
<context>
    <name>CodingController</name>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="147"/>
        <source>Already coded with that theme.</source>
        <translation>Sudah dikodekan dengan tema itu.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="151"/>
        <source>Code with {themes}</source>
        <translation>Kodekan dengan {themes}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="168"/>
        <source>Coded “{quote}” with {themes}.</source>
        <translation>“{quote}” dikodekan dengan {themes}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/coding/controller.py" line="170"/>
        <source>Coded %n passage(s) with {themes}.</source>
        <translation>
            <numerusform>%n kutipan dikodekan dengan {themes}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/coding/controller.py" line="189"/>
        <source>Remove %n coding(s)</source>
        <translation>
            <numerusform>Hapus pengodean %n kutipan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="198"/>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="210"/>
        <source>Change theme</source>
        <translation>Ganti tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/controller.py" line="222"/>
        <source>Resize passage</source>
        <translation>Ubah batas kutipan</translation>
    </message>
</context>
<context>
    <name>CodingGestures</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="42"/>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="71"/>
        <source>Select the words to code first.</source>
        <translation>Pilih terlebih dahulu kata yang akan dikodekan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="57"/>
        <source>Code “{text}” with</source>
        <translation>Kodekan “{text}” dengan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="76"/>
        <source>No theme is pinned to {number}; pin themes in the themes panel.</source>
        <translation>Belum ada tema yang disematkan ke {number}; sematkan tema di panel tema.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="91"/>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="93"/>
        <source>Memo for the passage “{text}” ({theme}):</source>
        <translation>Memo untuk kutipan “{text}” ({theme}):</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="107"/>
        <source>Another theme for “{text}”</source>
        <translation>Tema lain untuk “{text}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="150"/>
        <source>Code with…</source>
        <translation>Kodekan dengan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="154"/>
        <source>Code with a pinned theme</source>
        <translation>Kodekan dengan tema tersemat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="168"/>
        <source>Passage “{theme}”</source>
        <translation>Kutipan “{theme}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="175"/>
        <source>Remove passage “{theme}”</source>
        <translation>Hapus kutipan “{theme}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="179"/>
        <source>Memo…</source>
        <translation>Memo…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="180"/>
        <source>Change theme…</source>
        <translation>Ganti tema…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="181"/>
        <source>Resize to selection</source>
        <translation>Ubah batas sesuai teks terpilih</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_gestures.py" line="182"/>
        <source>Play passage</source>
        <translation>Putar kutipan</translation>
    </message>
</context>
<context>
    <name>CodingPaint</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/coding_paint.py" line="143"/>
        <source>coded by {coder}</source>
        <translation>dikodekan oleh {coder}</translation>
    </message>
</context>
<context>
    <name>CodingRoutes</name>
    <message>
        <location filename="../../src/annotator/ui/coding/routes.py" line="105"/>
        <source>&amp;{n} {theme}</source>
        <translation>&amp;{n} {theme}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/routes.py" line="147"/>
        <source>That passage is gone (its words were deleted, or it was removed).</source>
        <translation>Kutipan itu sudah tidak ada (kata-katanya dihapus, atau kutipannya dihapus).</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/routes.py" line="163"/>
        <source>These passages have no audio (they are in field notes).</source>
        <translation>Kutipan ini tidak memiliki audio (berada di catatan lapangan).</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/routes.py" line="168"/>
        <source>Playing: “{quote}” {where}</source>
        <translation>Memutar: “{quote}” {where}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/coding/routes.py" line="174"/>
        <location filename="../../src/annotator/ui/coding/routes.py" line="210"/>
        <location filename="../../src/annotator/ui/coding/routes.py" line="218"/>
        <location filename="../../src/annotator/ui/coding/routes.py" line="229"/>
        <location filename="../../src/annotator/ui/coding/routes.py" line="239"/>
        <location filename="../../src/annotator/ui/coding/routes.py" line="251"/>
        <source>Open or create a project first.</source>
        <translation>Buka atau buat proyek terlebih dahulu.</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="98"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="100"/>
        <source>Said by a speaker not yet mapped to a participant</source>
        <translation>Diucapkan oleh pembicara yang belum dikaitkan dengan partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="105"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="127"/>
        <source>All themes</source>
        <translation>Semua tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="144"/>
        <source>all themes</source>
        <translation>semua tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="146"/>
        <source>Show every passage of {theme}</source>
        <translation>Tampilkan semua kutipan untuk {theme}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/counts.py" line="149"/>
        <source>%n passage(s) of {theme}</source>
        <translation>
            <numerusform>%n kutipan untuk {theme}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/counts.py" line="152"/>
        <source>%n passage(s) of {theme} said by: {role}</source>
        <translation>
            <numerusform>%n kutipan untuk {theme} yang diucapkan oleh: {role}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/counts.py" line="154"/>
        <source>%n coded with the theme itself, the rest with themes below it</source>
        <translation>
            <numerusform>%n dikodekan dengan tema ini sendiri, sisanya dengan tema di bawahnya</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/counts.py" line="155"/>
        <source>Click to show them</source>
        <translation>Klik untuk menampilkannya</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../src/annotator/ui/notes/model.py" line="81"/>
        <source>Imported from {path}</source>
        <translation>Diimpor dari {path}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/notes/model.py" line="87"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n kutipan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <location filename="../../src/annotator/ui/error_hook.py" line="27"/>
        <source>The project could not be written or read: {reason}. What you just did may not be saved.</source>
        <translation>Proyek tidak dapat ditulis atau dibaca: {reason}. Yang baru saja Anda lakukan mungkin tidak tersimpan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/error_hook.py" line="33"/>
        <source>A file could not be written or read{where}: {reason}. What you just did may not be saved.</source>
        <translation>Sebuah berkas tidak dapat ditulis atau dibaca{where}: {reason}. Yang baru saja Anda lakukan mungkin tidak tersimpan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/error_hook.py" line="36"/>
        <source>Something went wrong ({kind}: {error}). What you just did may not be saved; the details are in the terminal.</source>
        <translation>Terjadi kesalahan ({kind}: {error}). Yang baru saja Anda lakukan mungkin tidak tersimpan; rinciannya ada di terminal.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/error_hook.py" line="54"/>
        <source>Not done</source>
        <translation>Tidak dilakukan</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="44"/>
        <source>Coded passages</source>
        <translation>Kutipan yang dikodekan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="45"/>
        <source>Transcripts</source>
        <translation>Transkrip</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="46"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="47"/>
        <source>Exchange with other QDA programs</source>
        <translation>Pertukaran dengan program QDA lain</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="52"/>
        <source>Table (.csv)</source>
        <translation>Tabel (.csv)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="53"/>
        <source>Coded passages as a table that Excel opens</source>
        <translation>Kutipan yang dikodekan sebagai tabel yang dapat dibuka di Excel</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="56"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Buku kerja Excel (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="57"/>
        <source>Coded passages in Excel: a summary sheet and a sheet per theme</source>
        <translation>Kutipan yang dikodekan dalam Excel: satu lembar ringkasan dan satu lembar per tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="60"/>
        <source>Findings report (.docx)</source>
        <translation>Laporan temuan (.docx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="61"/>
        <source>A report in Word: per theme its definition, then its quotes with who said them and when</source>
        <translation>Laporan Word: definisi tiap tema, lalu kutipannya beserta pembicara dan waktunya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="66"/>
        <source>Plain text (.txt)</source>
        <translation>Teks biasa (.txt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="67"/>
        <source>Transcripts as plain text</source>
        <translation>Transkrip sebagai teks biasa</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="70"/>
        <source>Word (.docx)</source>
        <translation>Word (.docx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="71"/>
        <source>Transcripts in Word, with times</source>
        <translation>Transkrip dalam Word, beserta waktunya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="74"/>
        <source>SubRip subtitles (.srt)</source>
        <translation>Subtitel SubRip (.srt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="75"/>
        <source>Transcripts as subtitles</source>
        <translation>Transkrip sebagai subtitel</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="78"/>
        <source>WebVTT subtitles (.vtt)</source>
        <translation>Subtitel WebVTT (.vtt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="79"/>
        <source>Transcripts as web subtitles, the speaker as a voice tag</source>
        <translation>Transkrip sebagai subtitel web, pembicara ditandai dengan tag suara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="82"/>
        <source>Timestamped text (.txt)</source>
        <translation>Teks bercap waktu (.txt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="83"/>
        <source>Transcripts with [hh:mm:ss] times, for MAXQDA, ATLAS.ti and NVivo</source>
        <translation>Transkrip dengan waktu [hh:mm:ss], untuk MAXQDA, ATLAS.ti, dan NVivo</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="86"/>
        <source>JSON (.json)</source>
        <translation>JSON (.json)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="87"/>
        <source>Transcripts with every word&apos;s time, for scripts</source>
        <translation>Transkrip dengan waktu setiap kata, untuk skrip</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="90"/>
        <source>Audio clips (a folder)</source>
        <translation>Klip audio (satu folder)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="91"/>
        <source>An audio file per coded passage, named by theme and time</source>
        <translation>Satu berkas audio per kutipan yang dikodekan, dinamai menurut tema dan waktu</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="94"/>
        <source>REFI-QDA project (.qdpx)</source>
        <translation>Proyek REFI-QDA (.qdpx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="95"/>
        <source>The project with its transcripts, themes and notes, for NVivo, MAXQDA, ATLAS.ti and QualCoder</source>
        <translation>Proyek beserta transkrip, tema, dan catatannya, untuk NVivo, MAXQDA, ATLAS.ti, dan QualCoder</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="101"/>
        <source>REFI-QDA codebook (.qdc)</source>
        <translation>Buku kode REFI-QDA (.qdc)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="102"/>
        <source>The themes alone, with their colours and definitions</source>
        <translation>Hanya tema, beserta warna dan definisinya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="107"/>
        <source>CSV tables (*.csv)</source>
        <translation>Tabel CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="108"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="109"/>
        <source>Word documents (*.docx)</source>
        <translation>Dokumen Word (*.docx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="110"/>
        <source>Text files (*.txt)</source>
        <translation>Berkas teks (*.txt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="111"/>
        <source>SubRip subtitles (*.srt)</source>
        <translation>Subtitel SubRip (*.srt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="112"/>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>Subtitel WebVTT (*.vtt)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="113"/>
        <source>JSON files (*.json)</source>
        <translation>Berkas JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="114"/>
        <source>REFI-QDA projects (*.qdpx)</source>
        <translation>Proyek REFI-QDA (*.qdpx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="115"/>
        <source>REFI-QDA codebooks (*.qdc)</source>
        <translation>Buku kode REFI-QDA (*.qdc)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="140"/>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="341"/>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="149"/>
        <source>Pseudonymise names</source>
        <translation>Samarkan nama</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="150"/>
        <source>Replace every listed real name by its code, in file names too</source>
        <translation>Ganti setiap nama asli yang terdaftar dengan kodenya, juga di nama berkas</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="151"/>
        <source>No names listed yet —</source>
        <translation>Belum ada nama terdaftar —</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="152"/>
        <source>Edit names…</source>
        <translation>Sunting nama…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="153"/>
        <source>Audio files in a REFI-QDA project:</source>
        <translation>Berkas audio dalam proyek REFI-QDA:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="154"/>
        <source>Packed inside the .qdpx file</source>
        <translation>Dikemas di dalam berkas .qdpx</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="155"/>
        <source>Referred to where they are (send them separately)</source>
        <translation>Dirujuk di lokasinya (kirim secara terpisah)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="164"/>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="192"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="222"/>
        <source>Options</source>
        <translation>Opsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="315"/>
        <source>Choose the folder to write into</source>
        <translation>Pilih folder tujuan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="319"/>
        <source>Export to</source>
        <translation>Ekspor ke</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="341"/>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="367"/>
        <source>Export finished</source>
        <translation>Ekspor selesai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="369"/>
        <source>Open folder</source>
        <translation>Buka folder</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/export.py" line="379"/>
        <source>Export failed</source>
        <translation>Ekspor gagal</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="217"/>
        <source>any of them</source>
        <translation>salah satunya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="218"/>
        <source>all of them</source>
        <translation>semuanya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="219"/>
        <source>co-coded</source>
        <translation>tumpang tindih</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="224"/>
        <source>Any: passages coded with any theme chosen.
All: passages coded with every theme chosen (choose one theme or more).
Co-coded: passages of the first theme chosen that overlap a passage of another (choose two themes or more).</source>
        <translation>Salah satunya: kutipan yang dikodekan dengan salah satu tema yang dipilih.
Semuanya: kutipan yang dikodekan dengan semua tema yang dipilih (pilih satu tema atau lebih).
Tumpang tindih: kutipan tema pertama yang dipilih yang bertumpang tindih dengan kutipan tema lain (pilih dua tema atau lebih).</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="230"/>
        <source>with sub-themes</source>
        <translation>termasuk subtema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="232"/>
        <source>A theme stands for itself and every theme below it</source>
        <translation>Sebuah tema mencakup dirinya sendiri dan semua tema di bawahnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="234"/>
        <source>Words in the quote…</source>
        <translation>Kata dalam kutipan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="245"/>
        <source>age=12</source>
        <translation>usia=12</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="246"/>
        <source>Participant attributes, key=value, several separated by commas</source>
        <translation>Atribut partisipan, nama=nilai, pisahkan beberapa atribut dengan koma</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="292"/>
        <source>Recordings only</source>
        <translation>Hanya rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="301"/>
        <source>All participants</source>
        <translation>Semua partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="302"/>
        <source>All recordings and documents</source>
        <translation>Semua rekaman dan dokumen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="303"/>
        <source>All coders</source>
        <translation>Semua pengode</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="307"/>
        <source>All roles</source>
        <translation>Semua peran</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="310"/>
        <source>unknown speaker</source>
        <translation>pembicara tak dikenal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="311"/>
        <source>The role of the person who said the passage</source>
        <translation>Peran orang yang mengucapkan kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="345"/>
        <source>Write attributes as key=value, for example age=12</source>
        <translation>Tulis atribut sebagai nama=nilai, misalnya usia=12</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="25"/>
        <source>Find and replace</source>
        <translation>Cari dan ganti</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="28"/>
        <source>Match case</source>
        <translation>Cocokkan huruf besar/kecil</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="29"/>
        <source>Whole words</source>
        <translation>Kata utuh</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="33"/>
        <source>Find:</source>
        <translation>Cari:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="34"/>
        <source>Replace with:</source>
        <translation>Ganti dengan:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="38"/>
        <source>Find next</source>
        <translation>Cari berikutnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/find_replace.py" line="39"/>
        <source>Replace all</source>
        <translation>Ganti semua</translation>
    </message>
</context>
<context>
    <name>HitsModel</name>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="86"/>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="86"/>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="86"/>
        <source>Speaker</source>
        <translation>Pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="86"/>
        <source>Found in context</source>
        <translation>Hasil dalam konteks</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="90"/>
        <source>Ticked hits are coded by “Code checked hits with…”</source>
        <translation>Hasil yang dicentang dikodekan lewat “Kodekan hasil yang dicentang dengan…”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="90"/>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="108"/>
        <source>Play this hit</source>
        <translation>Putar hasil ini</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="110"/>
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/model.py" line="110"/>
        <source>Field notes</source>
        <translation>Catatan lapangan</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="57"/>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="58"/>
        <source>Imported:</source>
        <translation>Diimpor:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="58"/>
        <source>Nothing was imported.</source>
        <translation>Tidak ada yang diimpor.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="61"/>
        <source>Stopped at a file that could not be imported (it and the files after it were not):</source>
        <translation>Berhenti pada berkas yang tidak dapat diimpor (berkas itu dan berkas sesudahnya tidak diimpor):</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="93"/>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="103"/>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="130"/>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="161"/>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="94"/>
        <source>Choose one transcript at a time: each belongs to its own recording.</source>
        <translation>Pilih satu transkrip saja setiap kali: setiap transkrip milik rekamannya sendiri.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="103"/>
        <source>Importing…</source>
        <translation>Mengimpor…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="111"/>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="116"/>
        <source>Import failed</source>
        <translation>Impor gagal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="116"/>
        <source>Nothing was imported:
{reason}</source>
        <translation>Tidak ada yang diimpor:
{reason}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="126"/>
        <source>REFI-QDA projects and codebooks (*.qdpx *.qdc)</source>
        <translation>Proyek dan buku kode REFI-QDA (*.qdpx *.qdc)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="127"/>
        <source>Transcripts for a recording (*.srt *.vtt *.txt *.docx)</source>
        <translation>Transkrip untuk sebuah rekaman (*.srt *.vtt *.txt *.docx)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="139"/>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="155"/>
        <source>Import a transcript</source>
        <translation>Impor transkrip</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="141"/>
        <source>Every recording has a transcript already. A transcript comes in for a recording without one: add its recording first.</source>
        <translation>Semua rekaman sudah memiliki transkrip. Transkrip hanya dapat diimpor untuk rekaman yang belum memilikinya: tambahkan rekamannya terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="150"/>
        <source>{title} (recording {number})</source>
        <translation>{title} (rekaman {number})</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="154"/>
        <source>Which recording is “{name}” the transcript of?</source>
        <translation>“{name}” adalah transkrip dari rekaman yang mana?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="162"/>
        <source>Use media files the project refers to outside the archive? Only if you trust where it came from.</source>
        <translation>Gunakan berkas media di luar arsip yang dirujuk proyek ini? Lakukan hanya jika Anda memercayai asal proyek ini.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/import_files.py" line="174"/>
        <source>To use the media files outside the archive, import the project again and answer Yes when asked about them: what came in already is not added twice.</source>
        <translation>Untuk menggunakan berkas media di luar arsip, impor lagi proyek itu dan jawab Yes saat ditanya tentang berkas tersebut: yang sudah diimpor tidak akan ditambahkan dua kali.</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="38"/>
        <source>No transcription running.</source>
        <translation>Tidak ada transkripsi yang berjalan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="75"/>
        <source>waiting</source>
        <translation>menunggu</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="76"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="88"/>
        <source>{time} left</source>
        <translation>sisa {time}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/jobs/panel.py" line="89"/>
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segmen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="103"/>
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="104"/>
        <source>cancelled</source>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/jobs/panel.py" line="105"/>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="100"/>
        <source>Transcriptions</source>
        <translation>Transkripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="105"/>
        <source>Passages</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="165"/>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="166"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sunting</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="167"/>
        <source>&amp;Playback</source>
        <translation>&amp;Putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="168"/>
        <source>&amp;Code</source>
        <translation>&amp;Kode</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="169"/>
        <source>&amp;Transcribe</source>
        <translation>&amp;Transkripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="177"/>
        <source>Code with a &amp;pinned theme</source>
        <translation>Kodekan dengan tema &amp;tersemat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="182"/>
        <source>Open &amp;recent</source>
        <translation>Buka proyek te&amp;rakhir</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="201"/>
        <source>Cannot open project</source>
        <translation>Proyek tidak dapat dibuka</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="283"/>
        <source>Media file changed since it was added (another file in its place): {path}; find the original with: annotator locate</source>
        <translation>Berkas media telah berubah sejak ditambahkan (berkas lain ada di tempatnya): {path}; cari yang asli dengan: annotator locate</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="287"/>
        <source>Media file not found: {path}</source>
        <translation>Berkas media tidak ditemukan: {path}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="329"/>
        <source>{share:.0f}% of this recording verified</source>
        <translation>{share:.0f}% rekaman ini sudah diverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="333"/>
        <source>Annotator</source>
        <translation>Annotator</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="336"/>
        <source>{name} - Annotator</source>
        <translation>{name} - Annotator</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="341"/>
        <source>Open project</source>
        <translation>Buka proyek</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="341"/>
        <location filename="../../src/annotator/ui/main_window.py" line="348"/>
        <source>Annotator projects (*.annotator)</source>
        <translation>Proyek Annotator (*.annotator)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="348"/>
        <source>New project</source>
        <translation>Proyek baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="356"/>
        <source>Cannot create project</source>
        <translation>Proyek tidak dapat dibuat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="363"/>
        <source>Open or create a project first.</source>
        <translation>Buka atau buat proyek terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="366"/>
        <source>Add recordings</source>
        <translation>Tambah rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="366"/>
        <source>Audio and video ({patterns})</source>
        <translation>Audio dan video ({patterns})</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="376"/>
        <source>Cannot add recordings</source>
        <translation>Rekaman tidak dapat ditambahkan</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/main_window.py" line="379"/>
        <source>Added %n recording(s).</source>
        <translation>
            <numerusform>%n rekaman ditambahkan.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/main_window.py" line="446"/>
        <source>Choose a recording first.</source>
        <translation>Pilih rekaman terlebih dahulu.</translation>
    </message>
</context>
<context>
    <name>Margin</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/margin.py" line="34"/>
        <source>Click a time to play from there</source>
        <translation>Klik waktu untuk memutar dari titik itu</translation>
    </message>
</context>
<context>
    <name>NotesEditor</name>
    <message>
        <location filename="../../src/annotator/ui/notes/editor.py" line="62"/>
        <source>coded by {coder}</source>
        <translation>dikodekan oleh {coder}</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="53"/>
        <source>Type your observation notes here.</source>
        <translation>Tulis catatan observasi Anda di sini.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="114"/>
        <source>Choose field notes on the left, or make new ones from the File menu.</source>
        <translation>Pilih catatan lapangan di sebelah kiri, atau buat yang baru dari menu Berkas.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/notes/panel.py" line="118"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n kutipan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="120"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; — {details}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — {details}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="168"/>
        <source>Not saved: {reason}. Your typing is kept here and will be stored as soon as the project can be written.</source>
        <translation>Belum tersimpan: {reason}. Ketikan Anda tetap di sini dan akan disimpan begitu proyek dapat ditulis.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="206"/>
        <source>Edit field notes</source>
        <translation>Sunting catatan lapangan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="221"/>
        <location filename="../../src/annotator/ui/notes/panel.py" line="246"/>
        <source>Select the words to code first.</source>
        <translation>Pilih terlebih dahulu kata yang akan dikodekan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="237"/>
        <source>Code “{text}” with</source>
        <translation>Kodekan “{text}” dengan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="251"/>
        <source>No theme is pinned to {number}; pin themes in the themes panel.</source>
        <translation>Belum ada tema yang disematkan ke {number}; sematkan tema di panel tema.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="267"/>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="269"/>
        <source>Memo for the passage “{text}” ({theme}):</source>
        <translation>Memo untuk kutipan “{text}” ({theme}):</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="284"/>
        <source>Another theme for “{text}”</source>
        <translation>Tema lain untuk “{text}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="316"/>
        <source>Code with…</source>
        <translation>Kodekan dengan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="320"/>
        <source>Code with a pinned theme</source>
        <translation>Kodekan dengan tema tersemat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="331"/>
        <source>Passage “{theme}”</source>
        <translation>Kutipan “{theme}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="333"/>
        <source>Remove passage “{theme}”</source>
        <translation>Hapus kutipan “{theme}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="335"/>
        <source>Memo…</source>
        <translation>Memo…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="336"/>
        <source>Change theme…</source>
        <translation>Ganti tema…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="348"/>
        <source>Field notes {date}</source>
        <translation>Catatan lapangan {date}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="350"/>
        <location filename="../../src/annotator/ui/notes/panel.py" line="357"/>
        <source>New field notes</source>
        <translation>Catatan lapangan baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="350"/>
        <source>Title:</source>
        <translation>Judul:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="359"/>
        <source>New field notes “{title}”</source>
        <translation>Catatan lapangan baru “{title}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="372"/>
        <location filename="../../src/annotator/ui/notes/panel.py" line="384"/>
        <source>Import field notes</source>
        <translation>Impor catatan lapangan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="374"/>
        <source>Field notes (*.txt *.docx *.md);;All files (*)</source>
        <translation>Catatan lapangan (*.txt *.docx *.md);;Semua berkas (*)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="385"/>
        <source>Nothing was imported:
{reason}</source>
        <translation>Tidak ada yang diimpor:
{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/notes/panel.py" line="389"/>
        <source>Import %n document(s) of field notes</source>
        <translation>
            <numerusform>Impor %n dokumen catatan lapangan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/notes/panel.py" line="391"/>
        <source>Imported %n document(s) of field notes.</source>
        <translation>
            <numerusform>%n dokumen catatan lapangan diimpor.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="424"/>
        <source>Delete the field notes “{title}”?</source>
        <translation>Hapus catatan lapangan “{title}”?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/notes/panel.py" line="426"/>
        <source>Its %n coded passage(s) will be deleted with it.</source>
        <translation>
            <numerusform>%n kutipan yang dikodekan di dalamnya ikut terhapus.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="427"/>
        <source>Undo (Ctrl+Z) brings it back.</source>
        <translation>Urungkan (Ctrl+Z) akan mengembalikannya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="430"/>
        <source>Delete field notes</source>
        <translation>Hapus catatan lapangan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/notes/panel.py" line="438"/>
        <source>Delete field notes “{title}”</source>
        <translation>Hapus catatan lapangan “{title}”</translation>
    </message>
</context>
<context>
    <name>PassagesModel</name>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="113"/>
        <source>Quote</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="114"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="115"/>
        <source>Speaker</source>
        <translation>Pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="116"/>
        <source>Participant</source>
        <translation>Partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="117"/>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="118"/>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="119"/>
        <source>Coder</source>
        <translation>Pengode</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="122"/>
        <location filename="../../src/annotator/ui/passages/model.py" line="170"/>
        <source>Play the passage</source>
        <translation>Putar kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="122"/>
        <source>The recording or document</source>
        <translation>Rekaman atau dokumen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="144"/>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="174"/>
        <source>Nobody known said this: map the speaker to a participant</source>
        <translation>Pengucapnya belum diketahui: kaitkan pembicara dengan partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="176"/>
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="176"/>
        <source>Document</source>
        <translation>Dokumen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="181"/>
        <source>Memo:</source>
        <translation>Memo:</translation>
    </message>
</context>
<context>
    <name>PassagesPanel</name>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="126"/>
        <source>Play all</source>
        <translation>Putar semua</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="129"/>
        <source>Play every passage shown, one after another, in this order</source>
        <translation>Putar semua kutipan yang ditampilkan, satu per satu, sesuai urutan ini</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="203"/>
        <source>Copy quote with its reference</source>
        <translation>Salin kutipan beserta rujukannya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="204"/>
        <source>Remove coding</source>
        <translation>Hapus pengodean</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/panel.py" line="304"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n kutipan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="350"/>
        <source>Memo</source>
        <translation>Memo</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="367"/>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="369"/>
        <source>Open in context</source>
        <translation>Buka dalam konteks</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/panel.py" line="371"/>
        <source>Copy %n quote(s) with reference</source>
        <translation>
            <numerusform>Salin %n kutipan beserta rujukannya</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/panel.py" line="372"/>
        <source>Memo…</source>
        <translation>Memo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/passages/panel.py" line="374"/>
        <source>Remove %n coding(s)</source>
        <translation>
            <numerusform>Hapus pengodean %n kutipan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="57"/>
        <source>Play position</source>
        <translation>Posisi putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="64"/>
        <source>Playback speed (the pitch of the voices stays the same)</source>
        <translation>Kecepatan putar (nada suara tetap sama)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="65"/>
        <source>Playback speed</source>
        <translation>Kecepatan putar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="68"/>
        <source>{speed}×</source>
        <translation>{speed}×</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="72"/>
        <source>Loop segment</source>
        <translation>Ulangi segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="73"/>
        <source>Play the segment under the play position over and over</source>
        <translation>Putar segmen di posisi putar berulang-ulang</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="82"/>
        <location filename="../../src/annotator/ui/player/bar.py" line="83"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="130"/>
        <location filename="../../src/annotator/ui/player/bar.py" line="132"/>
        <source>{seconds} s</source>
        <translation>{seconds} dtk</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="131"/>
        <source>Back {seconds} seconds</source>
        <translation>Mundur {seconds} detik</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="133"/>
        <source>Forward {seconds} seconds</source>
        <translation>Maju {seconds} detik</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="162"/>
        <source>{position} / {duration}</source>
        <translation>{position} / {duration}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="171"/>
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/player/bar.py" line="171"/>
        <source>Play</source>
        <translation>Putar</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="27"/>
        <source>Preferences</source>
        <translation>Preferensi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="30"/>
        <source> s</source>
        <translation> dtk</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="35"/>
        <source> s (0: off)</source>
        <translation> dtk (0: mati)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="42"/>
        <source>Skip back / forward by:</source>
        <translation>Mundur / maju sejauh:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="43"/>
        <source>Step back when playback resumes:</source>
        <translation>Mundur saat pemutaran dilanjutkan:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/preferences.py" line="44"/>
        <source>Mark words below this confidence:</source>
        <translation>Tandai kata dengan keyakinan di bawah:</translation>
    </message>
</context>
<context>
    <name>ProjectClaim</name>
    <message>
        <location filename="../../src/annotator/ui/project_claim.py" line="25"/>
        <source>Project already open</source>
        <translation>Proyek sudah terbuka</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/project_claim.py" line="26"/>
        <source>{name} is already open in another Annotator window ({holder}).

In two windows, each would change the transcripts and codings under the other. Open it here anyway?</source>
        <translation>{name} sudah terbuka di jendela Annotator lain ({holder}).

Di dua jendela, masing-masing akan mengubah transkrip dan pengodean di bawah yang lain. Tetap buka di sini?</translation>
    </message>
</context>
<context>
    <name>PseudonymsDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="179"/>
        <source>Pseudonyms</source>
        <translation>Nama samaran</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="182"/>
        <source>Names listed here are replaced by their codes in every export with “Pseudonymise names” ticked, including file names and document properties.</source>
        <translation>Nama yang terdaftar di sini diganti dengan kodenya di setiap ekspor yang mencentang “Samarkan nama”, termasuk di nama berkas dan properti dokumen.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="204"/>
        <source>Real name, e.g. Sari Dewi</source>
        <translation>Nama asli, mis. Sari Dewi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="206"/>
        <source>Code, e.g. WBS-01</source>
        <translation>Kode, mis. WBS-01</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="210"/>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="211"/>
        <source>Remove selected</source>
        <translation>Hapus yang dipilih</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="223"/>
        <source>Type a sentence with a listed name</source>
        <translation>Ketik kalimat yang memuat nama terdaftar</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="229"/>
        <source>Try it:</source>
        <translation>Coba:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="290"/>
        <source>An export writes it as: (type above)</source>
        <translation>Ekspor akan menuliskannya sebagai: (ketik di atas)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="293"/>
        <source>An export writes it as: {text}</source>
        <translation>Ekspor akan menuliskannya sebagai: {text}</translation>
    </message>
</context>
<context>
    <name>PseudonymsModel</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="46"/>
        <source>person</source>
        <translation>orang</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="47"/>
        <source>place</source>
        <translation>tempat</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="48"/>
        <source>other</source>
        <translation>lainnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="117"/>
        <source>Real name</source>
        <translation>Nama asli</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="117"/>
        <source>Code in exports</source>
        <translation>Kode dalam ekspor</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="117"/>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/pseudonyms.py" line="133"/>
        <source>“{real}” is written as “{code}” in pseudonymised exports</source>
        <translation>“{real}” ditulis sebagai “{code}” dalam ekspor yang namanya disamarkan</translation>
    </message>
</context>
<context>
    <name>RecordingsChooser</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="102"/>
        <source>Recordings</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="102"/>
        <source>All recordings</source>
        <translation>Semua rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="102"/>
        <source>Only the ticked recordings:</source>
        <translation>Hanya rekaman yang dicentang:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="109"/>
        <source>{title} (no transcript yet)</source>
        <translation>{title} (belum ada transkrip)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="116"/>
        <source>Participant {code}</source>
        <translation>Partisipan {code}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="147"/>
        <source>Tick at least one recording, or choose all recordings.</source>
        <translation>Centang setidaknya satu rekaman, atau pilih semua rekaman.</translation>
    </message>
</context>
<context>
    <name>RecordingsModel</name>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="96"/>
        <source>Recording</source>
        <translation>Rekaman</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="96"/>
        <source>Participant</source>
        <translation>Partisipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="96"/>
        <source>Length</source>
        <translation>Durasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="96"/>
        <source>Transcript</source>
        <translation>Transkrip</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="117"/>
        <source>Residents</source>
        <translation>WBS</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="118"/>
        <source>Staff</source>
        <translation>Pegawai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="119"/>
        <source>Interviewers</source>
        <translation>Pewawancara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="120"/>
        <source>Others</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="143"/>
        <source>Media file changed since it was added (another file in its place): {path}</source>
        <translation>Berkas media telah berubah sejak ditambahkan (berkas lain ada di tempatnya): {path}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="147"/>
        <source>Media file not found: {path}</source>
        <translation>Berkas media tidak ditemukan: {path}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="157"/>
        <source>transcribing…</source>
        <translation>sedang ditranskripsi…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="159"/>
        <source>not transcribed</source>
        <translation>belum ditranskripsi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="161"/>
        <source>partly, {pct:.0f}% verified</source>
        <translation>sebagian, {pct:.0f}% terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/sidebar/model.py" line="162"/>
        <source>{pct:.0f}% verified</source>
        <translation>{pct:.0f}% terverifikasi</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="30"/>
        <source>resident</source>
        <translation>WBS</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="31"/>
        <source>staff</source>
        <translation>pegawai</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="32"/>
        <source>interviewer</source>
        <translation>pewawancara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="33"/>
        <source>other</source>
        <translation>lainnya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/model.py" line="34"/>
        <source>unknown</source>
        <translation>tak diketahui</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="59"/>
        <source>Search transcripts and field notes</source>
        <translation>Cari di transkrip dan catatan lapangan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="65"/>
        <source>Words to find, e.g. mendengarkan</source>
        <translation>Kata yang dicari, mis. mendengarkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="67"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="68"/>
        <source>Match case</source>
        <translation>Cocokkan huruf besar/kecil</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="69"/>
        <source>Whole words</source>
        <translation>Kata utuh</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="70"/>
        <source>Include field notes</source>
        <translation>Sertakan catatan lapangan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="78"/>
        <source>Check all</source>
        <translation>Centang semua</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="79"/>
        <source>Check none</source>
        <translation>Hapus centang</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="80"/>
        <source>Code checked hits with…</source>
        <translation>Kodekan hasil yang dicentang dengan…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="81"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="180"/>
        <source>Nothing found.</source>
        <translation>Tidak ada hasil.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="187"/>
        <source>{hits} in {recordings} and {documents}</source>
        <translation>{hits} di {recordings} dan {documents}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="183"/>
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hasil</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="184"/>
        <source>%n recording(s)</source>
        <translation>
            <numerusform>%n rekaman</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="185"/>
        <source>%n document(s) of field notes</source>
        <translation>
            <numerusform>%n dokumen catatan lapangan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="191"/>
        <source>{hits} in {where}</source>
        <translation>{hits} di {where}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="193"/>
        <source>(there are more: showing the first {limit})</source>
        <translation>(masih ada lagi: yang ditampilkan hanya {limit} pertama)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="219"/>
        <source>Code %n checked hit(s) with…</source>
        <translation>
            <numerusform>Kodekan %n hasil yang dicentang dengan…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="254"/>
        <source>Check the hits to code first.</source>
        <translation>Centang terlebih dahulu hasil yang akan dikodekan.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="258"/>
        <source>Code %n checked hit(s) with</source>
        <translation>
            <numerusform>Kodekan %n hasil yang dicentang dengan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="277"/>
        <source>Code search hits</source>
        <translation>Kodekan hasil pencarian</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="278"/>
        <source>Code %n hit(s) with “{theme}”?</source>
        <translation>
            <numerusform>Kodekan %n hasil dengan “{theme}”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="294"/>
        <source>Code %n search hit(s)</source>
        <translation>
            <numerusform>Kodekan %n hasil pencarian</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/search/dialog.py" line="298"/>
        <source>Nothing was coded.</source>
        <translation>Tidak ada yang dikodekan.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="301"/>
        <source>Coded %n hit(s) with “{theme}”.</source>
        <translation>
            <numerusform>%n hasil dikodekan dengan “{theme}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/search/dialog.py" line="303"/>
        <source>%n hit(s) were coded with it already.</source>
        <translation>
            <numerusform>%n hasil sudah dikodekan dengan tema itu sebelumnya.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPane</name>
    <message>
        <location filename="../../src/annotator/ui/sidebar/pane.py" line="42"/>
        <source>Field notes</source>
        <translation>Catatan lapangan</translation>
    </message>
</context>
<context>
    <name>Speakers</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="17"/>
        <source>Speaker</source>
        <translation>Pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="18"/>
        <source>Speaker of this segment:</source>
        <translation>Pembicara segmen ini:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="28"/>
        <source>This transcript has no speakers yet.</source>
        <translation>Transkrip ini belum memiliki pembicara.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="29"/>
        <source>Rename a speaker</source>
        <translation>Ganti nama pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="30"/>
        <source>Speaker:</source>
        <translation>Pembicara:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/speakers.py" line="33"/>
        <source>New name for {label} in the whole recording:</source>
        <translation>Nama baru untuk {label} di seluruh rekaman:</translation>
    </message>
</context>
<context>
    <name>ThemeActions</name>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="40"/>
        <source>New theme…</source>
        <translation>Tema baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="40"/>
        <location filename="../../src/annotator/ui/themes/editing.py" line="122"/>
        <source>New theme</source>
        <translation>Tema baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="41"/>
        <source>New sub-theme…</source>
        <translation>Subtema baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="41"/>
        <location filename="../../src/annotator/ui/themes/editing.py" line="124"/>
        <source>New sub-theme</source>
        <translation>Subtema baru</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="42"/>
        <source>Rename</source>
        <translation>Ganti nama</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="43"/>
        <source>Colour…</source>
        <translation>Warna…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="44"/>
        <source>Definition…</source>
        <translation>Definisi…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="45"/>
        <location filename="../../src/annotator/ui/themes/editing.py" line="89"/>
        <source>Pin to a number shortcut</source>
        <translation>Sematkan ke pintasan angka</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="46"/>
        <source>Show passages</source>
        <translation>Tampilkan kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="47"/>
        <source>Merge into…</source>
        <translation>Gabungkan ke…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="48"/>
        <source>Delete…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="48"/>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="50"/>
        <source>A new theme at the top level of the codebook</source>
        <translation>Tema baru di tingkat teratas buku kode</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="51"/>
        <source>A new theme below the selected one</source>
        <translation>Tema baru di bawah tema yang dipilih</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="52"/>
        <source>Delete the selected theme with its sub-themes and passages</source>
        <translation>Hapus tema yang dipilih beserta subtema dan kutipannya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="87"/>
        <source>Unpin from number {number}</source>
        <translation>Lepas sematan dari angka {number}</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="107"/>
        <source>Themes</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="113"/>
        <source>one passage</source>
        <translation>satu kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="113"/>
        <source>{count} passages</source>
        <translation>{count} kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="116"/>
        <source>one sub-theme</source>
        <translation>satu subtema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="116"/>
        <source>{count} sub-themes</source>
        <translation>{count} subtema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="122"/>
        <source>Name of the new theme:</source>
        <translation>Nama tema baru:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="125"/>
        <source>Name of the new theme below “{parent}”:</source>
        <translation>Nama tema baru di bawah “{parent}”:</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="130"/>
        <source>New theme “{name}”</source>
        <translation>Tema baru “{name}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="171"/>
        <source>Colour of “{name}”</source>
        <translation>Warna “{name}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="183"/>
        <location filename="../../src/annotator/ui/themes/editing.py" line="191"/>
        <source>Definition of “{name}”</source>
        <translation>Definisi “{name}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="184"/>
        <source>When is a passage coded “{name}”? (shown when the pointer rests on the theme)</source>
        <translation>Kapan sebuah kutipan dikodekan “{name}”? (ditampilkan saat penunjuk berhenti di atas tema)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="226"/>
        <source>Merge into</source>
        <translation>Gabungkan ke</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="227"/>
        <source>Merge “{name}” into which theme?</source>
        <translation>Gabungkan “{name}” ke tema mana?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="237"/>
        <source>Merge “{source}” into “{target}”?</source>
        <translation>Gabungkan “{source}” ke “{target}”?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="240"/>
        <source>{passages} of “{source}” will be coded “{target}”.</source>
        <translation>{passages} dari “{source}” akan dikodekan “{target}”.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="246"/>
        <source>{subthemes} will move under “{target}”.</source>
        <translation>{subthemes} akan dipindahkan ke bawah “{target}”.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="251"/>
        <source>“{source}” has no passages to move.</source>
        <translation>“{source}” tidak memiliki kutipan untuk dipindahkan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="253"/>
        <source>“{source}” is then removed; Undo ({key}) brings it back.</source>
        <translation>Setelah itu “{source}” dihapus; Urungkan ({key}) akan mengembalikannya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="257"/>
        <source>Merge themes</source>
        <translation>Gabungkan tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="259"/>
        <source>Merge “{source}” into “{target}”</source>
        <translation>Gabungkan “{source}” ke “{target}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="268"/>
        <source>Delete the theme “{name}”, its {subthemes} and the {passages} coded with them?</source>
        <translation>Hapus tema “{name}” beserta {subthemes} di bawahnya dan {passages} yang dikodekan dengan tema-tema itu?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="270"/>
        <source>Delete the theme “{name}” and its {subthemes}? No passages are coded with them.</source>
        <translation>Hapus tema “{name}” beserta {subthemes} di bawahnya? Tidak ada kutipan yang dikodekan dengan tema-tema itu.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="272"/>
        <source>Delete the theme “{name}” and its {passages}?</source>
        <translation>Hapus tema “{name}” beserta {passages} yang dikodekan dengannya?</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="274"/>
        <source>Delete the theme “{name}”? It has no sub-themes and no passages.</source>
        <translation>Hapus tema “{name}”? Tema ini tidak memiliki subtema maupun kutipan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="279"/>
        <source>Undo ({key}) brings them all back.</source>
        <translation>Urungkan ({key}) akan mengembalikan semuanya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="281"/>
        <source>Undo ({key}) brings it back.</source>
        <translation>Urungkan ({key}) akan mengembalikannya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="290"/>
        <source>Delete theme</source>
        <translation>Hapus tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/editing.py" line="296"/>
        <source>Delete “{name}”</source>
        <translation>Hapus “{name}”</translation>
    </message>
</context>
<context>
    <name>ThemeChooser</name>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="162"/>
        <source>Any theme (clear the choice)</source>
        <translation>Tema apa saja (hapus pilihan)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="193"/>
        <source>All themes</source>
        <translation>Semua tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="195"/>
        <source>Choose the themes whose passages to gather</source>
        <translation>Pilih tema yang kutipannya ingin dikumpulkan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/passages/filters.py" line="200"/>
        <source>{first} + {more}</source>
        <translation>{first} + {more}</translation>
    </message>
</context>
<context>
    <name>ThemesChooser</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="154"/>
        <source>Themes</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="155"/>
        <source>All themes</source>
        <translation>Semua tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="156"/>
        <source>Only the ticked themes (each with the themes below it):</source>
        <translation>Hanya tema yang dicentang (masing-masing beserta tema di bawahnya):</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="159"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="159"/>
        <source>Passages</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/choosers.py" line="190"/>
        <source>Tick at least one theme, or choose all themes.</source>
        <translation>Centang setidaknya satu tema, atau pilih semua tema.</translation>
    </message>
</context>
<context>
    <name>ThemesModel</name>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="145"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="145"/>
        <source>Passages</source>
        <translation>Kutipan</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="145"/>
        <source>Key</source>
        <translation>Tombol</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="147"/>
        <source>Pinned themes: each number&apos;s shortcut codes the selected text with its theme</source>
        <translation>Tema tersemat: pintasan tiap angka mengodekan teks terpilih dengan temanya</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/themes/model.py" line="195"/>
        <source>%n passage(s) here, %1 with the themes below</source>
        <translation>
            <numerusform>%n kutipan di sini, %1 bersama tema di bawahnya</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="202"/>
        <source>Pinned theme {number}: its number shortcut codes the selected text</source>
        <translation>Tema tersemat {number}: pintasan angkanya mengodekan teks terpilih</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="215"/>
        <source>Rename “{old}” to “{new}”</source>
        <translation>Ganti nama “{old}” menjadi “{new}”</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/model.py" line="278"/>
        <source>Move “{name}”</source>
        <translation>Pindahkan “{name}”</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="143"/>
        <source>This project has no themes yet. Start from the template codebook, or make your own themes.</source>
        <translation>Proyek ini belum memiliki tema. Mulai dari templat buku kode, atau buat tema Anda sendiri.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="150"/>
        <source>Start from the template codebook</source>
        <translation>Mulai dari templat buku kode</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="151"/>
        <source>{name}, {count} themes with their definitions</source>
        <translation>{name}, {count} tema beserta definisinya</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="152"/>
        <source>Relationships</source>
        <translation>Hubungan sosial</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="158"/>
        <source>New theme…</source>
        <translation>Tema baru…</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="158"/>
        <source>Make your own codebook, one theme at a time</source>
        <translation>Susun buku kode sendiri, satu per satu tema</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/themes/panel.py" line="125"/>
        <source>Themes</source>
        <translation>Tema</translation>
    </message>
</context>
<context>
    <name>TranscriptEditor</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/editor.py" line="317"/>
        <location filename="../../src/annotator/ui/transcript/editor.py" line="334"/>
        <location filename="../../src/annotator/ui/transcript/editor.py" line="365"/>
        <source>Edit one segment at a time; to join segments, use Merge.</source>
        <translation>Sunting satu segmen sekaligus; untuk menggabungkan segmen, gunakan Gabung.</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="115"/>
        <source>Edit text</source>
        <translation>Sunting teks</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="119"/>
        <source>Split segment</source>
        <translation>Pisah segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="121"/>
        <source>Merge segments</source>
        <translation>Gabung segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="139"/>
        <source>Choose a recording on the left to see its transcript.</source>
        <translation>Pilih rekaman di sebelah kiri untuk melihat transkripnya.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="176"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; — no transcript yet: Transcribe (Ctrl+T) makes one.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; — belum ada transkrip: Transkripsi (Ctrl+T) akan membuatnya.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/transcript/panel.py" line="183"/>
        <source>&lt;b&gt;{title}&lt;/b&gt; — %n segment(s), {share:.0f}% verified</source>
        <translation>
            <numerusform>&lt;b&gt;{title}&lt;/b&gt; — %n segmen, {share:.0f}% terverifikasi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="233"/>
        <source>Not saved: {reason}. Your typing is kept here and will be stored as soon as the project can be written.</source>
        <translation>Belum tersimpan: {reason}. Ketikan Anda tetap di sini dan akan disimpan begitu proyek dapat ditulis.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="238"/>
        <source>Not saved: {reason}. The change was not made.</source>
        <translation>Belum tersimpan: {reason}. Perubahan tidak dilakukan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="330"/>
        <source>Mark verified</source>
        <translation>Tandai terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="330"/>
        <source>Mark not verified</source>
        <translation>Tandai belum terverifikasi</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="346"/>
        <source>“{text}” is not in this transcript.</source>
        <translation>“{text}” tidak ada dalam transkrip ini.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="357"/>
        <source>Replace all</source>
        <translation>Ganti semua</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/annotator/ui/transcript/panel.py" line="366"/>
        <source>Replaced %n time(s).</source>
        <translation>
            <numerusform>Diganti %n kali.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="376"/>
        <source>Rename speaker</source>
        <translation>Ganti nama pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="389"/>
        <source>Change speaker</source>
        <translation>Ganti pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="399"/>
        <source>Move segment boundary</source>
        <translation>Geser batas segmen</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/transcript/panel.py" line="442"/>
        <source>Nothing left to check here.</source>
        <translation>Tidak ada lagi yang perlu diperiksa di sini.</translation>
    </message>
</context>
<context>
    <name>TranscriptionRoutes</name>
    <message>
        <location filename="../../src/annotator/ui/jobs/routes.py" line="51"/>
        <source>Every recording is transcribed.</source>
        <translation>Semua rekaman sudah ditranskripsi.</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <location filename="../../src/annotator/ui/player/waveform.py" line="36"/>
        <source>Click or drag to move the play position</source>
        <translation>Klik atau seret untuk memindahkan posisi putar</translation>
    </message>
</context>
<context>
    <name>WhoSpeaksDialog</name>
    <message>
        <location filename="../../src/annotator/ui/dialogs/who_speaks.py" line="22"/>
        <source>Who is each speaker</source>
        <translation>Siapa tiap pembicara</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/who_speaks.py" line="28"/>
        <source>Say who each voice of “{title}” is. Passages are said by the participant of their speaker: the passage browser finds them by role only when the speaker is mapped.</source>
        <translation>Tentukan siapa tiap suara dalam “{title}”. Kutipan diucapkan oleh partisipan pembicaranya: penjelajah kutipan hanya menemukannya menurut peran bila pembicara sudah dipetakan.</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/who_speaks.py" line="43"/>
        <source>participant code, e.g. WBS-01</source>
        <translation>kode partisipan, mis. WBS-01</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/who_speaks.py" line="52"/>
        <source>{label} ({n} segments)</source>
        <translation>{label} ({n} segmen)</translation>
    </message>
    <message>
        <location filename="../../src/annotator/ui/dialogs/who_speaks.py" line="56"/>
        <source>This recording has no speakers yet: transcribe it first.</source>
        <translation>Rekaman ini belum punya pembicara: transkripsikan dulu.</translation>
    </message>
</context>
</TS>
