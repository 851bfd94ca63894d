"""PDF/A-3b volumes that carry the originals inside (legal-requirements.md IN-7), split by size.

A court archives the PDF it is given, often without the kit beside it. PDF/A-3 (ISO 19005-3)
makes each volume an archival document that can also carry files: the originals of its
exhibits (``/AFRelationship /Source``), the evidence manifest (``/Data``) and the proofs
(``/Supplement``), each an associated file of the document, so the PDF alone holds what its
certificate digests. reportlab draws the pages (bundle/pdf.py, every font an embedded
TrueType subset); this module adds what reportlab cannot, with pypdf:

- an XMP metadata stream (pdfaid part 3, conformance B; title, author, subject, tool and
  dates equal to the Info dictionary's, as PDF/A requires of both);
- an sRGB output intent (GTS_PDFA1) whose ICC profile ships in ``data/icc/sRGB-v4.icc``: made
  with Pillow's ``ImageCms.createProfile("sRGB")`` (lcms2, "No copyright, use freely"), its
  header version set to 4.2, the ICC version PDF 1.7 names;
- every annotation printable (``/F 4``), a document ID in the trailer, PDF 1.7 header, no
  encryption, no JavaScript and no external references (bundle/pdf.py writes none);
- the associated files, in the catalog's ``/AF`` array and its ``/Names /EmbeddedFiles`` tree,
  each with ``/Params`` (size, MD5 ``/CheckSum`` as PDF/A needs, ``/ModDate``) and a MIME
  ``/Subtype``.

Which volume carries what: each exhibit's originals travel in the volume where the exhibit
starts; the manifest and the proofs in the first volume (A), the one with the cover and the
certificate that prints their digests. Originals are embedded only when the bundle prints
account numbers in clear (the legal team's ``bundle.unmask``) or when the scope asks for them
(``Scope.embed_originals``): a masked bundle's originals still hold the numbers, so embedding
them would undo the masking (services/bundle_masking.py). The kit carries them either way.

Volumes split by size as well as by page cap: no volume passes ``Scope.max_volume_mb``
(pages and embedded files together), except one that holds an exhibit whose originals alone
pass it (or that cannot shrink below the smallest page cap): a notice names it. Such an
exhibit gets a volume of its own (``BundleData.own_volumes``: its first page starts one, the
page after it the next), so the pages around it keep to the limit; ``pdf-index.json`` says
which volume holds which exhibit (``exhibits``) and which is an exhibit's own
(``own_exhibit``).
Same records, same bytes: dates come from the records, the document ID from the volume's bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import mimetypes
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from evidence_desk import __version__
from evidence_desk.bundle import kit
from evidence_desk.bundle.model import BundleData, OriginalFile
from evidence_desk.bundle.pdf import MIN_PAGE_CAP, Rendered
from evidence_desk.domain.wording import Catalogue
from evidence_desk.resources import resource_path

ICC_FILE = ("icc", "sRGB-v4.icc")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
MB = 1024 * 1024
SOURCE, DATA, SUPPLEMENT = "Source", "Data", "Supplement"
# already compressed: deflating them again costs time and saves nothing
_STORED = re.compile(r"^(image|audio|video)/|^application/(zip|pdf|gzip)$")
_MIME = mimetypes.MimeTypes()  # Python's own table only: the same on every machine

_said = Catalogue(
    {
        "pdfa.originals_masked": "the PDF carries no originals: the bundle masks account "
        "numbers and the originals hold them in clear (the kit carries the originals)",
        "pdfa.volume_over": "volume {volume} is {size_mb} MB, over the {max_mb} MB limit: "
        "exhibit {exhibit} has {exhibit_mb} MB of originals and starts in it",
    }
)

Draw = Callable[[BundleData, int], Rendered]


@dataclass(frozen=True, slots=True)
class Attachment:
    """One associated file: where it comes from and how the PDF describes it."""

    name: str  # unique inside the volume, flat (pdfdetach -saveall writes it as a file)
    relationship: str  # Source, Data or Supplement
    modified: str  # RFC 3339
    description: str  # facts only: exhibit, role, SHA-256
    read: Callable[[], bytes] = dataclasses.field(compare=False, repr=False)


@dataclass
class _Packed:
    """An attachment's stream, deflated (or stored) once and reused by every pass."""

    content: bytes
    data: bytes
    compressed: bool
    mime: str


def embeds_originals(data: BundleData) -> bool:
    """The rule: unmasked bundles embed their originals, masked ones only when asked."""
    return not data.numbers_masked or data.scope.embed_originals


def originals_of(data: BundleData) -> dict[str, list[Attachment]]:
    """exhibit id -> its originals as Source attachments (empty when the rule says no); an
    original that holds what the bundle redacts never travels (issue 21 item 5)."""
    if not embeds_originals(data):
        return {}
    out: dict[str, list[Attachment]] = {}
    for exhibit in data.exhibits:
        out[exhibit.id] = [_original(o) for o in exhibit.originals if not o.withheld]
    return out


def _original(original: OriginalFile) -> Attachment:
    name = original.kit_path.removeprefix("data/originals/").replace("/", "_")
    return Attachment(
        name,
        SOURCE,
        original.added_at,
        f"{original.exhibit_id} · {original.role} · SHA-256 {original.sha256}",
        original.read,
    )


def _proof_path(path: str) -> bool:
    """The kit's proofs: inclusion proofs, checkpoint notes and signatures, RFC 3161 tokens."""
    base = path.rsplit("/", 1)[-1]
    return (
        path.startswith("proofs/")
        or "/proofs/" in path
        or (path.startswith("ledger/") and base.startswith("checkpoint"))
        or (path.startswith("tsa/") and base.endswith(".tst"))
    )


def bundle_files(data: BundleData, manifest: bytes) -> list[Attachment]:
    """The manifest (Data) and the proofs (Supplement) the first volume carries."""
    files = [
        Attachment(
            kit.EVIDENCE_MANIFEST,
            DATA,
            data.produced_at,
            f"SHA-256 {hashlib.sha256(manifest).hexdigest()}",
            lambda: manifest,
        )
    ]
    for path, content in sorted(kit.tag_files(data, manifest, {}).items()):
        if _proof_path(path):
            files.append(
                Attachment(
                    path.replace("/", "_"),
                    SUPPLEMENT,
                    data.produced_at,
                    path,
                    lambda content=content: content,  # type: ignore[misc]
                )
            )
    return files


def conform(data: BundleData, manifest: bytes, draw: Draw, notices: list[str]) -> Rendered:
    """Draw the bundle and make every volume PDF/A-3b with its associated files; draw it
    again at a smaller page cap while a volume passes the size limit."""
    limit = data.scope.max_volume_mb * MB
    originals = originals_of(data)
    if not embeds_originals(data):
        notices.append(_said("pdfa.originals_masked"))
    first = bundle_files(data, manifest)
    packed: dict[str, _Packed] = {}
    cap = data.scope.page_cap
    # an exhibit whose originals alone pass the limit gets a volume of its own: it cannot
    # fit any volume, and the pages around it should not sit over the limit with it
    own = tuple(
        exhibit_id
        for exhibit_id, files in originals.items()
        if sum(len(_pack(a, packed).data) for a in files) > limit
    )
    data = dataclasses.replace(data, own_volumes=own)
    rendered = draw(data, limit)
    while True:
        placed = _placed(rendered, originals, first)
        volumes = tuple(
            (name, make_volume(content, data, manifest, placed[i], packed))
            for i, (name, content) in enumerate(rendered.volumes)
        )
        over = [i for i, (_n, content) in enumerate(volumes) if len(content) > limit]
        cap = min(cap, int(rendered.index["page_cap"]))
        if (
            not over
            or cap <= MIN_PAGE_CAP
            or all(_biggest(placed[i], originals, packed)[1] > limit for i in over)
        ):
            break
        # the pages left room for: each over-limit volume's files stay, its pages must shrink
        ratios = []
        for i in over:
            files = sum(len(packed[a.name].data) for a in placed[i])
            pages = max(1, len(volumes[i][1]) - files)
            ratios.append(max(0.0, (limit - files) / pages))
        cap = max(MIN_PAGE_CAP, min(cap - 1, int(cap * min(ratios) * 0.9)))
        scope = dataclasses.replace(data.scope, page_cap=cap)
        rendered = draw(dataclasses.replace(data, scope=scope), limit)
    for i in over:
        exhibit, size = _biggest(placed[i], originals, packed)
        notices.append(
            _said(
                "pdfa.volume_over",
                volume=volumes[i][0],
                size_mb=f"{len(volumes[i][1]) / MB:.1f}",
                max_mb=data.scope.max_volume_mb,
                exhibit=exhibit,
                exhibit_mb=f"{size / MB:.1f}",
            )
        )
    index = dict(rendered.index)
    index["volumes"] = [
        {**volume, "embedded": sorted(a.name for a in placed[i])}
        for i, volume in enumerate(index["volumes"])
    ]
    return Rendered(volumes, rendered.pages, index, rendered.sections)


def _placed(
    rendered: Rendered, originals: dict[str, list[Attachment]], first: list[Attachment]
) -> list[list[Attachment]]:
    """Each volume's attachments: its exhibits' originals (by the page the exhibit starts on)
    and, in the first, the manifest and the proofs."""
    starts = [int(v["first_page"]) for v in rendered.index["volumes"]]
    placed: list[list[Attachment]] = [[] for _ in starts]
    placed[0] += first
    for exhibit_id, files in originals.items():
        page = rendered.sections.get(exhibit_id, 1)
        number = max(i for i, start in enumerate(starts) if start <= page)
        placed[number] += files
    return placed


def _biggest(
    files: Sequence[Attachment], originals: dict[str, list[Attachment]], packed: dict[str, _Packed]
) -> tuple[str, int]:
    """The exhibit with the most embedded bytes in a volume, and how many."""
    names = {a.name for a in files}
    best = ("", 0)
    for exhibit_id, attached in originals.items():
        size = sum(len(packed[a.name].data) for a in attached if a.name in names)
        if size > best[1]:
            best = (exhibit_id, size)
    return best


def _pack(attachment: Attachment, packed: dict[str, _Packed]) -> _Packed:
    found = packed.get(attachment.name)
    if found is None:
        content = attachment.read()
        mime = _MIME.guess_type(attachment.name)[0] or "application/octet-stream"
        stored = bool(_STORED.match(mime))
        data = content if stored else zlib.compress(content, 6)
        found = packed[attachment.name] = _Packed(content, data, not stored, mime)
    return found


def _pdf_date(rfc3339: str) -> str:
    moment = datetime.fromisoformat(rfc3339)
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def _xmp_date(rfc3339: str) -> str:
    return datetime.fromisoformat(rfc3339).isoformat(timespec="seconds")


def xmp(info: dict[str, str], created: str) -> bytes:
    """The XMP packet: PDF/A identification and the Info dictionary's values, in step."""
    title, author, subject = (escape(info[k]) for k in ("/Title", "/Author", "/Subject"))
    tool, producer = escape(info["/Creator"]), escape(info["/Producer"])
    when = _xmp_date(created)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>
   </dc:description>
   <xmp:CreatorTool>{tool}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def make_volume(
    content: bytes,
    data: BundleData,
    manifest: bytes,
    files: Sequence[Attachment],
    packed: dict[str, _Packed],
) -> bytes:
    """One volume as PDF/A-3b, with ``files`` as its associated files."""
    reader = PdfReader(io.BytesIO(content))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = "%PDF-1.7"
    old: dict[str, Any] = dict(reader.metadata or {})
    info = {
        "/Title": str(old.get("/Title") or data.bundle_id),
        "/Author": data.producer,
        "/Subject": f"evidence-manifest sha256 {hashlib.sha256(manifest).hexdigest()}",
        "/Creator": f"Evidence Desk {__version__}",
        "/Producer": f"Evidence Desk {__version__}",
    }
    date = _pdf_date(data.produced_at)
    writer.metadata = {**info, "/CreationDate": date, "/ModDate": date}
    root = writer._root_object
    metadata = DecodedStreamObject()  # unfiltered, as PDF/A wants the XMP readable as is
    metadata.set_data(xmp(info, data.produced_at))
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root[NameObject("/Metadata")] = writer._add_object(metadata)
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer)])
    root[NameObject("/Lang")] = TextStringObject(
        "zh-CN" if data.scope.language == "zh_CN" else "en"
    )
    for page in writer.pages:
        for annotation in page.get("/Annots", None) or []:
            annotation.get_object()[NameObject("/F")] = NumberObject(4)  # printable, visible
    if files:
        _attach(writer, files, packed)
    identifier = ByteStringObject(hashlib.md5(content, usedforsecurity=False).digest())
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _output_intent(writer: PdfWriter) -> Any:
    profile = StreamObject()
    icc = resource_path(*ICC_FILE).read_bytes()
    profile.set_data(zlib.compress(icc, 9))
    profile[NameObject("/Filter")] = NameObject("/FlateDecode")
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(OUTPUT_CONDITION),
            NameObject("/Info"): TextStringObject(OUTPUT_CONDITION),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    return writer._add_object(intent)


def _attach(writer: PdfWriter, files: Sequence[Attachment], packed: dict[str, _Packed]) -> None:
    """Each file as an EmbeddedFile with its Filespec, in ``/AF`` and ``/EmbeddedFiles``."""
    specs: list[tuple[str, Any]] = []
    for attachment in files:
        item = _pack(attachment, packed)
        stream = StreamObject()
        stream.set_data(item.data)
        if item.compressed:
            stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        stream[NameObject("/Subtype")] = NameObject("/" + item.mime)
        stream[NameObject("/Params")] = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(len(item.content)),
                NameObject("/CheckSum"): ByteStringObject(
                    hashlib.md5(item.content, usedforsecurity=False).digest()
                ),
                NameObject("/ModDate"): TextStringObject(_pdf_date(attachment.modified)),
            }
        )
        reference = writer._add_object(stream)
        ascii_name = attachment.name.encode("ascii", "replace").decode("ascii")
        spec = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): TextStringObject(ascii_name),
                NameObject("/UF"): TextStringObject(attachment.name),
                NameObject("/Desc"): TextStringObject(attachment.description),
                NameObject("/AFRelationship"): NameObject("/" + attachment.relationship),
                NameObject("/EF"): DictionaryObject(
                    {NameObject("/F"): reference, NameObject("/UF"): reference}
                ),
            }
        )
        specs.append((attachment.name, writer._add_object(spec)))
    root = writer._root_object
    root[NameObject("/AF")] = ArrayObject(ref for _name, ref in specs)
    names = root.get("/Names")
    tree = names.get_object() if names is not None else DictionaryObject()
    leaves = ArrayObject()
    for name, ref in sorted(specs, key=lambda item: item[0].encode("utf-16-be")):
        leaves += [TextStringObject(name), ref]
    tree[NameObject("/EmbeddedFiles")] = DictionaryObject({NameObject("/Names"): leaves})
    if names is None:
        root[NameObject("/Names")] = writer._add_object(tree)
